"""Questions to a week's key respondents: asked from the post form, answered by their reply.

A question is a post (a new topic or a reply) whose author ticked "question to the key
respondent(s)" in a week's forum. It counts as answered when one of that week's key
respondents posts in the same topic after it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Count, Q
from django.utils import timezone

from courses.models import CoursePage, Enrollment, Role, WeekPage

from .models import KeyRespondentQuestion, WeekForum


def week_of_forum(forum_id: int | None) -> WeekPage | None:
    if forum_id is None:
        return None
    week_forum = WeekForum.objects.filter(forum_id=forum_id).select_related("week").first()
    return week_forum.week if week_forum else None


def is_week_key_respondent(user: User | None, week: WeekPage) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return Enrollment.objects.filter(user=user, week=week, role=Role.KEY_RESPONDENT).exists()


def ask(*, post) -> KeyRespondentQuestion | None:
    """Record `post` as a question to its week's key respondents (None outside a week)."""
    week = week_of_forum(post.topic.forum_id)
    if week is None:
        return None
    question, _created = KeyRespondentQuestion.objects.get_or_create(
        post=post, defaults={"week": week}
    )
    return question


def record_answer(post) -> int:
    """Mark as answered the open questions of the topic that a key respondent's post follows."""
    if post.poster_id is None:
        return 0
    week = week_of_forum(post.topic.forum_id)
    if week is None or not is_week_key_respondent(post.poster, week):
        return 0
    return (
        KeyRespondentQuestion.objects.filter(
            post__topic_id=post.topic_id, answered_at__isnull=True, post__created__lte=post.created
        )
        .exclude(post=post)
        .update(answered_at=timezone.now(), answered_by=post)
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
