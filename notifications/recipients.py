"""Who an event concerns, before the privacy check: followers, askers, the week's key
respondents, the people mentioned, a course's members and organizers.

These are candidates only: `events.notify` drops whoever may not read the post or page
(`events.may_read`), so a list here may be generous but never the last word.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from machina.core.db.models import get_model
from markdown_it import MarkdownIt

from courses.models import CoursePage, Role, WeekPage
from forum.models import KeyRespondentQuestion, WeekForum
from forum.permissions import staying_enrollments
from forum.questions import is_week_key_respondent, question_answered_by, week_of_forum

from . import preferences

User: Any = get_user_model()
Post: Any = get_model("forum_conversation", "Post")

#: @username as the post editor completes it (static/js/editor.js, forum/editor.py): letters,
#: digits and Django's `_.+-`, not inside a word, an e-mail address or a path.
MENTION = re.compile(r"(?<![\w@./+-])@([\w.+-]{1,150})")

_parser = MarkdownIt("commonmark", {"html": False})

#: Who is reminded of a week closing, and told of what a week asks of them.
POSTING_ROLES = (Role.PARTICIPANT, Role.KEY_RESPONDENT)


def mentioned_usernames(markdown: str) -> list[str]:
    """The @usernames written in the post's own prose: not in code, nor in a quotation of
    someone else's post (a quote does not mention anyone again)."""
    names: list[str] = []
    quote_depth = 0
    for token in _parser.parse(markdown or ""):
        if token.type == "blockquote_open":
            quote_depth += 1
        elif token.type == "blockquote_close":
            quote_depth -= 1
        elif token.type == "inline" and quote_depth == 0:
            for child in token.children or []:
                if child.type == "text":
                    for name in MENTION.findall(child.content):
                        # A sentence may end right after the name: "thanks @ana."
                        name = name.rstrip(".+-")
                        if name and name not in names:
                            names.append(name)
    return names


def mentioned_users(markdown: str) -> QuerySet:
    """The active accounts named by @username (exact name, or the same name in any case)."""
    names = mentioned_usernames(markdown)
    if not names:
        return User.objects.none()
    query = Q()
    for name in names:
        query |= Q(username__iexact=name)
    return User.objects.filter(query, is_active=True)


def course_members(course: CoursePage, roles: tuple[str, ...] | None = None) -> QuerySet:
    """The course's members who stay (active, not gone after the course), in `roles`."""
    enrollments = staying_enrollments(course)
    if roles is not None:
        enrollments = enrollments.filter(role__in=roles)
    return User.objects.filter(pk__in=enrollments.values("user_id"))


def organizers(course: CoursePage) -> QuerySet:
    return course_members(course, (Role.ORGANIZER,))


def topic_and_forum_followers(post) -> set[int]:
    """Ids of those following the post's topic (machina's subscribers) or its forum (the
    forum's mode and the members' rows, notifications.preferences)."""
    topic = post.topic
    followers = set(topic.subscribers.values_list("pk", flat=True))
    followers |= set(preferences.forum_followers(topic.forum_id).values_list("pk", flat=True))
    return followers


def replied_to(post) -> list[Any]:
    """The author of the post this one replies to: the topic's first poster, but for a
    week's discussion question (the question a key respondent's reply answers is told apart
    as an answer, `answered_question`)."""
    topic = post.topic
    first_post_id = topic.first_post_id
    if first_post_id is None or first_post_id == post.pk:
        return []  # the post opens its topic
    first = type(post).objects.filter(pk=first_post_id).select_related("poster", "topic").first()
    if first is None or first.poster is None or is_week_question(first):
        return []  # a week's discussion question is the week's, not its publisher's
    return [first.poster]


def answered_question(post) -> KeyRespondentQuestion | None:
    """The question a key respondent's post answers (forum.questions' one rule), whether
    forum.questions has recorded the answer yet or not."""
    recorded = KeyRespondentQuestion.objects.filter(answered_by=post).select_related("post").first()
    if recorded is not None:
        return recorded
    week = week_of_forum(post.topic.forum_id)
    if week is None or post.poster_id is None or not is_week_key_respondent(post.poster, week):
        return None
    return question_answered_by(post)


def asks_key_respondents(post) -> WeekPage | None:
    """The week whose key respondents the post asks (None: not a question to them)."""
    asked = getattr(post, "puentes_asks_key_respondent", False)
    if not asked and not KeyRespondentQuestion.objects.filter(post=post).exists():
        return None
    return week_of_forum(post.topic.forum_id)


def is_week_question(post) -> bool:
    """The opening post of one of a week's discussion-question topics, posted by the forum
    mirror when the week is published: its members are told of the week itself
    (WEEK_OPENS), not of each of its questions."""
    topic = post.topic
    if topic.type != topic.TOPIC_STICKY or topic.first_post_id not in (None, post.pk):
        return False
    week = week_of_forum(topic.forum_id)
    if week is None:
        return False
    text = str(post.content).strip()
    return any(
        block.block_type == "question" and block.value["text"].strip() == text
        for block in week.questions
    )


def week_key_respondents(week: WeekPage) -> QuerySet:
    return week.key_respondents()


def silent_members(week: WeekPage) -> QuerySet:
    """The week's course members who post (participants, key respondents) and have not
    posted in its forum yet."""
    course = week.course
    if course is None:
        return User.objects.none()
    forum_ids = WeekForum.objects.filter(week=week).values("forum_id")
    return course_members(course, POSTING_ROLES).exclude(
        pk__in=_posts_in(forum_ids).values("poster_id")
    )


def _posts_in(forum_ids) -> QuerySet:
    return Post.objects.filter(topic__forum_id__in=forum_ids, poster__isnull=False)
