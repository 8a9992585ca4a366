"""A course with an open week and a member in each role, and the ways its members post.

Posts are made the product's way: through the forum's real views (`post_reply`,
`start_topic`) or `Post.objects.create` as machina and the forum mirror do, so every notice
in these tests comes through the real signal path.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from machina.core.db.models import get_model

from courses.models import Role
from notifications.models import Notice
from tests.forum.participation_helpers import person, publish, question_topic, reply, week_forum
from tests.forum.permission_world import NO_ATTACHMENTS

Post: Any = get_model("forum_conversation", "Post")
Topic: Any = get_model("forum_conversation", "Topic")

__all__ = ["new_topic", "notices_of", "post_reply", "reply", "start_topic"]


@pytest.fixture
def open_week(week, organizer):
    """The course's open week, published by its organizer (its forum and question topics)."""
    return publish(week, organizer)


@pytest.fixture
def ana(course, open_week):
    return person(course, "ana", language="es")


@pytest.fixture
def louis(course, open_week):
    return person(course, "louis", language="fr")


@pytest.fixture
def lucia(course, open_week):
    """The open week's key respondent."""
    return person(course, "lucia", Role.KEY_RESPONDENT, week=open_week)


@pytest.fixture
def topic(open_week):
    """The week's first discussion-question topic."""
    return question_topic(open_week)


@pytest.fixture
def forum(open_week):
    return week_forum(open_week)


def notices_of(user) -> list[tuple[str, int | None, int | None]]:
    """(event, post id, page id) of each of the member's notices, oldest first."""
    return [
        (notice.event, notice.post_id, notice.page_id)
        for notice in Notice.objects.filter(recipient=user).order_by("pk")
    ]


def new_topic(forum, user, content: str, subject: str = "Un tema", approved: bool = True):
    """A topic and its first post, saved as machina saves them."""
    topic = Topic.objects.create(
        forum=forum,
        poster=user,
        subject=subject,
        type=Topic.TOPIC_POST,
        status=Topic.TOPIC_UNLOCKED,
        approved=approved,
    )
    return Post.objects.create(
        topic=topic, poster=user, subject=subject, content=content, approved=approved
    )


def post_reply(client, user, topic, content: str, **fields):
    """A reply through the forum's reply form; the new post."""
    client.force_login(user)
    forum = topic.forum
    response = client.post(
        reverse(
            "forum_conversation:post_create", args=[forum.slug, forum.pk, topic.slug, topic.pk]
        ),
        {"subject": "Re", "content": content, "language": "es", **NO_ATTACHMENTS, **fields},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Post.objects.filter(topic=topic, poster=user).latest("pk")


def start_topic(client, user, forum, content: str, subject: str = "Pregunta", **fields):
    """A new topic through the forum's form; its first post."""
    client.force_login(user)
    response = client.post(
        reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk]),
        {"subject": subject, "content": content, "language": "es", "topic_type": 0,
         **NO_ATTACHMENTS, **fields},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    return Post.objects.filter(topic__forum=forum, poster=user).latest("pk")
