"""Independent responses: "post before you see the others" on a discussion question.

A question's flag lives on its block in `WeekPage.questions`; its topic is found through
`QuestionTopic`. In such a topic a reader who has not posted yet sees only the question
(the topic's first post), as in Moodle's Q&A forums. Organizers, key respondents and
translators of the course always see everything.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.cache import cache
from django.db.models import F, Q, QuerySet
from machina.core.db.models import get_model

from courses.enrollment import enrollments_in
from courses.kept_structure import kept
from courses.models import Role, WeekPage
from members.kept import now_and_at_commit

from .models import QuestionTopic

Post: Any = get_model("forum_conversation", "Post")

SEES_EVERYTHING = (Role.ORGANIZER, Role.KEY_RESPONDENT, Role.TRANSLATOR)


def post_first_topics(topic_ids: Iterable[int]) -> dict[int, int]:
    """{topic id: course id} for those of the topics whose question asks to post first
    (kept between requests)."""
    wanted = tuple(sorted(set(topic_ids)))
    return dict(kept(("post_first_topics", wanted), lambda: _post_first_topics(wanted)))


def _post_first_topics(topic_ids: tuple[int, ...]) -> dict[int, int]:
    question_topics = list(
        QuestionTopic.objects.filter(topic_id__in=list(topic_ids), retired=False).values_list(
            "topic_id", "week_id", "block_id"
        )
    )
    if not question_topics:
        return {}
    gated_blocks = post_first_blocks({week_id for _t, week_id, _b in question_topics})
    gated = {}
    for topic_id, week_id, block_id in question_topics:
        course_id, blocks = gated_blocks.get(week_id, (None, []))
        if course_id is not None and block_id in blocks:
            gated[topic_id] = course_id
    return gated


def post_first_cache_key(week_id: int) -> str:
    return f"puentes:post-first:{week_id}"


def post_first_blocks(week_ids: set[int]) -> dict[int, tuple[int, list[str]]]:
    """{week id: (course id, ids of its questions that ask to post first)}, from the cache:
    every list of posts asks, and reading a week's questions means loading the page. A
    week's save or deletion forgets its entry (receivers in forum/apps.py)."""
    keys = {week_id: post_first_cache_key(week_id) for week_id in week_ids}
    cached = cache.get_many(list(keys.values()))
    found = {week_id: tuple(cached[key]) for week_id, key in keys.items() if key in cached}
    missing = [week_id for week_id in week_ids if week_id not in found]
    fresh = {}
    for week in WeekPage.objects.filter(pk__in=missing):
        blocks = [
            block.id for block in week.questions if block.value.get("post_before_seeing_others")
        ]
        fresh[week.pk] = (week.get_parent().pk, blocks)
    if fresh:
        cache.set_many({keys[week_id]: value for week_id, value in fresh.items()}, 3600)
    return {**found, **fresh}


def forget_post_first_blocks(sender, instance, **kwargs) -> None:
    """A week saved (published, edited) or deleted: its questions are read again, now and
    once the change is committed (another process may have read the rows before it)."""
    key = post_first_cache_key(instance.pk)
    now_and_at_commit(lambda: cache.delete(key))


def hidden_topics(topic_ids: Iterable[int], user: User | AnonymousUser) -> set[int]:
    """The topics among `topic_ids` whose answers `user` may not see yet."""
    gated = post_first_topics(topic_ids)
    if not gated:
        return set()
    if user.is_authenticated:
        if user.is_superuser:
            return set()
        full_view_courses = {
            course_id
            for course_id in set(gated.values())
            if any(role in SEES_EVERYTHING for role, _, _ in enrollments_in(user, course_id))
        }
        answered = set(
            Post.objects.filter(topic_id__in=gated, poster=user)
            .exclude(pk=F("topic__first_post_id"))
            .values_list("topic_id", flat=True)
        )
    else:
        full_view_courses, answered = set(), set()
    return {
        topic_id
        for topic_id, course_id in gated.items()
        if course_id not in full_view_courses and topic_id not in answered
    }


def without_hidden_answers(
    posts: QuerySet, user: User | AnonymousUser, *, topic_ids: Iterable[int] | None = None
) -> QuerySet:
    """`posts` less the answers still hidden from `user` (each question itself stays): the
    one filter every list of posts outside the topic page applies. `topic_ids`: the topics
    the posts may be in, when the caller knows them more cheaply than the posts' own."""
    if topic_ids is None:
        topic_ids = posts.order_by().values_list("topic_id", flat=True).distinct()
    hidden = hidden_topics(topic_ids, user)
    if not hidden:
        return posts
    return posts.exclude(Q(topic_id__in=hidden) & ~Q(pk=F("topic__first_post_id")))


def is_hidden_until_posted(topic, user: User | AnonymousUser) -> bool:
    return topic.pk in hidden_topics([topic.pk], user)
