"""What a week page shows of its discussion, gathered in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import F, Q
from django.urls import reverse
from machina.core.db.models import get_model
from machina.core.loading import get_class

from courses.kept_structure import kept
from courses.models import WeekPage
from members.request_memo import per_request

from .independent import hidden_topics
from .models import QuestionTopic, WeekForum

Post: Any = get_model("forum_conversation", "Post")
PermissionHandler: Any = get_class("forum_permission.handler", "PermissionHandler")

LATEST_POSTS = 5


@dataclass
class Question:
    text: str
    post_before_seeing_others: bool
    url: str | None = None
    #: The question's block id: its text's translation is keyed by it (courses.page_texts).
    block_id: str = ""


@dataclass
class WeekDiscussion:
    forum_url: str | None = None
    readable: bool = False
    questions: list[Question] = field(default_factory=list)
    #: Reads the latest posts, when a page shows them: the week page does, its course menu
    #: and "This week" do not (two queries saved there).
    read_latest: Callable[[], list] | None = field(default=None, repr=False, compare=False)
    #: The week's forum, and its question topics' ids by question block (None and empty
    #: when the week has no open forum).
    forum: Any = field(default=None, repr=False, compare=False)
    topic_of_block: dict[str, int] = field(default_factory=dict)

    @cached_property
    def latest_posts(self) -> list:
        return self.read_latest() if self.read_latest is not None else []


def topic_url(forum, topic) -> str:
    return reverse(
        "forum_conversation:topic",
        kwargs={
            "forum_slug": forum.slug,
            "forum_pk": forum.pk,
            "slug": topic.slug,
            "pk": topic.pk,
        },
    )


def post_url(forum, post) -> str:
    return f"{topic_url(forum, post.topic)}?post={post.pk}#{post.pk}"


@per_request  # the week page and its course menu both show the week open today
def week_discussion(week: WeekPage, user: User | AnonymousUser, handler=None) -> WeekDiscussion:
    """The week's questions with their topic links and, for those who may read the forum,
    its latest posts."""
    week_forum, topics = week_forum_and_topics(week.pk)
    blocks = [block for block in week.questions if block.block_type == "question"]
    questions = [
        Question(
            text=block.value["text"],
            post_before_seeing_others=bool(block.value.get("post_before_seeing_others")),
            block_id=block.id,
            url=topic_url(week_forum.forum, topics[block.id])
            if week_forum is not None and block.id in topics
            else None,
        )
        for block in blocks
    ]
    if week_forum is None:
        return WeekDiscussion(questions=questions)
    topic_of_block = {block_id: topic.pk for block_id, topic in topics.items()}
    forum = week_forum.forum
    handler = handler or PermissionHandler()
    readable = handler.can_read_forum(forum, user)

    def read_latest() -> list:
        # Answers to a "post before you see the others" question stay out of sight too.
        hidden = hidden_topics([question_topic.pk for question_topic in topics.values()], user)
        latest_posts = list(
            Post.objects.filter(topic__forum=forum, approved=True)
            .exclude(Q(topic_id__in=hidden) & ~Q(pk=F("topic__first_post_id")))
            .select_related("topic", "poster")
            .order_by("-created")[:LATEST_POSTS]
        )
        for post in latest_posts:
            post.url = post_url(forum, post)
        return latest_posts

    return WeekDiscussion(
        forum_url=reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk}),
        readable=readable,
        questions=questions,
        read_latest=read_latest if readable else None,
        forum=forum,
        topic_of_block=topic_of_block,
    )


def week_forum_and_topics(week_id: int) -> tuple[Any, dict[str, Any]]:
    """The week's open forum (None if it has none, or it is hidden) and its question topics
    by question block, kept between requests (courses/kept_structure.py: a week forum or a
    question topic saved or deleted moves it on). Not to be changed by callers."""
    return kept(("week_forum_and_topics", week_id), lambda: _week_forum_and_topics(week_id))


def _week_forum_and_topics(week_id: int) -> tuple[Any, dict[str, Any]]:
    week_forum = (
        WeekForum.objects.select_related("forum").filter(week_id=week_id, hidden=False).first()
    )
    if week_forum is None:
        return None, {}
    topics = {
        question_topic.block_id: question_topic.topic
        for question_topic in QuestionTopic.objects.filter(
            week_id=week_id, retired=False
        ).select_related("topic")
    }
    return week_forum, topics
