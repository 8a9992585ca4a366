"""Questions to a week's key respondents: asked from the post form, answered by their reply.

A question is a post (a new topic or a reply) whose author ticked "question to the key
respondent(s)" in a week's forum. A post by one of that week's key respondents answers one
question of its topic, asked before it, and only one (`question_answered_by`):

1. the question the key respondent chose on the reply form ("Answers the question", offered
   to them when the topic has open questions, with "None of them (not an answer)"); a reply
   opened by quoting a post (`?quote=<post id>`) has the quoted question chosen, or "None"
   when the quoted question is already answered (a follow-up takes no other asker's
   question off the queue), else the latest open question;
2. else (a post made without that choice) the latest question of the topic still unanswered.

An organizer of the week's course may answer too ("Answer this question" on the topic page
opens the reply with `?quote=`), but only the question they name on the reply form: their
other posts answer nothing (`record_answer`).

A choice naming a question already answered answers nothing more. The key respondent's
queue, the asker's list and the organizers' figures all read the one record
(`KeyRespondentQuestion.answered_at`, with `answered_by`, the answer).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Count, Q
from django.utils import timezone

from courses.enrollment import course_enrollments, course_roles
from courses.kept_structure import kept
from courses.models import CoursePage, Enrollment, Role, WeekPage
from members.request_memo import per_request

from .models import KeyRespondentQuestion, WeekForum


@per_request
def week_of_forum(forum_id: int | None) -> WeekPage | None:
    """The week whose forum this is (None for other forums), kept between requests."""
    if forum_id is None:
        return None
    return kept(("week_of_forum", forum_id), lambda: _week_of_forum(forum_id))


def _week_of_forum(forum_id: int) -> WeekPage | None:
    week_forum = WeekForum.objects.filter(forum_id=forum_id).select_related("week").first()
    return week_forum.week if week_forum else None


@per_request
def is_week_key_respondent(user: User | None, week: WeekPage) -> bool:
    if user is None or not user.is_authenticated:
        return False
    course = week.course  # kept on the week, as `organizes_week` asks it too
    return course is not None and any(
        role == Role.KEY_RESPONDENT and week_id == week.pk
        for role, week_id, _after in course_enrollments(user, course)
    )


@per_request
def organizes_week(user: User | None, week: WeekPage) -> bool:
    """An organizer of the week's course (enrolled as such in it)."""
    if user is None or not user.is_authenticated:
        return False
    course = week.course  # kept on the week: the late-post labels ask it too
    return course is not None and Role.ORGANIZER in course_roles(user, course)


def may_answer_questions(user: User | None, week: WeekPage) -> bool:
    """Who is offered "Answer this question" and the reply form's choice of question."""
    return is_week_key_respondent(user, week) or organizes_week(user, week)


def ask(*, post) -> KeyRespondentQuestion | None:
    """Record `post` as a question to its week's key respondents (None outside a week)."""
    week = week_of_forum(post.topic.forum_id)
    if week is None:
        return None
    question, _created = KeyRespondentQuestion.objects.get_or_create(
        post=post, defaults={"week": week}
    )
    return question


def open_questions(topic_id: int, *, before=None):
    """The unanswered questions of a topic (asked before the post `before`), latest first."""
    questions = KeyRespondentQuestion.objects.filter(
        post__topic_id=topic_id, post__approved=True, answered_at__isnull=True
    )
    if before is not None:
        questions = questions.filter(post__created__lte=before.created).exclude(post=before)
    return questions.select_related("post", "post__poster").order_by("-post__created", "-pk")


def question_answered_by(post, *, latest_by_default: bool = True) -> KeyRespondentQuestion | None:
    """The one question a key respondent's `post` answers (the rule in the module's doc).

    `post.puentes_answers_question` is the post id of the question the reply form named (the
    quoted one, or the key respondent's choice), 0 when they chose none; absent or None (no
    choice offered): the latest open question, unless `latest_by_default` is False (an
    organizer's post answers only the question it names).
    """
    named = getattr(post, "puentes_answers_question", None)
    if named == 0:
        return None
    if named:
        question = (
            KeyRespondentQuestion.objects.filter(post_id=named, post__topic_id=post.topic_id)
            .exclude(post=post)
            .first()
        )
        if question is not None:
            return None if question.is_answered else question
    if not latest_by_default:
        return None
    return open_questions(post.topic_id, before=post).first()


def record_answer(post) -> int:
    """Mark as answered the question a key respondent's (or organizer's) post answers (0 or
    1 question)."""
    if post.poster_id is None:
        return 0
    week = week_of_forum(post.topic.forum_id)
    if week is None:
        return 0
    if is_week_key_respondent(post.poster, week):
        question = question_answered_by(post)
    elif organizes_week(post.poster, week):
        question = question_answered_by(post, latest_by_default=False)
    else:
        return 0
    if question is None:
        return 0
    return KeyRespondentQuestion.objects.filter(pk=question.pk, answered_at__isnull=True).update(
        answered_at=timezone.now(), answered_by=post
    )


def post_saved(sender, instance, created: bool = False, raw: bool = False, **kwargs) -> None:
    """post_save receiver for machina's Post (connected in the app's ready())."""
    if raw or not created:
        return
    if getattr(instance, "puentes_asks_key_respondent", False):
        ask(post=instance)
    record_answer(instance)


def unanswered_questions(user: User):
    """The questions waiting for `user` as key respondent of their weeks, oldest first."""
    weeks = Enrollment.objects.filter(user=user, role=Role.KEY_RESPONDENT, week__isnull=False)
    return (
        KeyRespondentQuestion.objects.filter(
            week_id__in=weeks.values("week_id"), answered_at__isnull=True, post__approved=True
        )
        .select_related("post", "post__topic", "post__topic__forum", "post__poster", "week")
        .order_by("asked_at")
    )


def asked_questions(user: User):
    """The questions `user` asked, newest first, with the answer of those answered."""
    return (
        KeyRespondentQuestion.objects.filter(post__poster=user, post__approved=True)
        .select_related("post", "post__topic", "post__topic__forum", "week", "answered_by")
        .order_by("-asked_at")
    )


@dataclass
class WeekQuestions:
    week: WeekPage
    asked: int
    unanswered: int


def question_counts(course: CoursePage) -> list[WeekQuestions]:
    """Per week of the course: questions asked and still unanswered (for organizers)."""
    counts = {
        row["week_id"]: row
        for row in KeyRespondentQuestion.objects.filter(week__in=course.weeks())
        .values("week_id")
        .annotate(asked=Count("pk"), unanswered=Count("pk", filter=Q(answered_at__isnull=True)))
    }
    return [
        WeekQuestions(
            week=week,
            asked=counts.get(week.pk, {}).get("asked", 0),
            unanswered=counts.get(week.pk, {}).get("unanswered", 0),
        )
        for week in course.weeks()
    ]
