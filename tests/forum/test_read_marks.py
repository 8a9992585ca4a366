"""A topic view marks the topic read only when something in it is new to the reader
(forum/tracking.py); the marks themselves stay machina's: a topic with a new post is unread
until seen, and a forum whose topics are all read is marked read."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from machina.core.db.models import get_model
from machina.test.factories import PostFactory, create_topic

from tests.forum.helpers import course_forum, grant, member, topic_url

Topic = get_model("forum_conversation", "Topic")
ForumReadTrack = get_model("forum_tracking", "ForumReadTrack")
TopicReadTrack = get_model("forum_tracking", "TopicReadTrack")

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum_with_two_topics():
    forum = course_forum()
    author = member("es")
    grant(author, forum)
    topics = []
    for subject in ("Los fondos rotatorios", "Las ferias locales"):
        topic = create_topic(forum=forum, poster=author, subject=subject)
        PostFactory(topic=topic, poster=author, subject=subject, content="Texto.")
        topics.append(topic)
    return forum, author, topics


@pytest.fixture
def reader(client, forum_with_two_topics):
    forum, _author, _topics = forum_with_two_topics
    user = member("en")
    grant(user, forum)
    client.force_login(user)
    return user


def view(client, topic) -> list[str]:
    """The SQL the topic page ran."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(topic_url(topic)).status_code == 200
    return [query["sql"] for query in queries]


def writes_to_tracks(sql: list[str]) -> list[str]:
    return [
        statement
        for statement in sql
        if statement.startswith(("UPDATE", "INSERT", "DELETE")) and "forum_tracking" in statement
    ]


def test_a_topic_seen_again_with_nothing_new_writes_no_read_mark(
    client, reader, forum_with_two_topics
):
    _forum, _author, (first, _second) = forum_with_two_topics
    assert writes_to_tracks(view(client, first))  # new to the reader: marked read
    mark = TopicReadTrack.objects.get(user=reader, topic=first).mark_time

    again = view(client, first)

    assert writes_to_tracks(again) == []
    assert TopicReadTrack.objects.get(user=reader, topic=first).mark_time == mark
    assert Topic.objects.get(pk=first.pk).views_count == 2  # every view still counts


def test_a_new_post_makes_the_topic_unread_until_the_reader_sees_it(
    client, reader, forum_with_two_topics
):
    _forum, author, (first, _second) = forum_with_two_topics
    view(client, first)
    PostFactory(topic=first, poster=author, subject="Re: Los fondos", content="Más.")
    first.refresh_from_db()
    mark = TopicReadTrack.objects.get(user=reader, topic=first).mark_time
    assert mark < first.last_post_on

    assert writes_to_tracks(view(client, first))

    assert TopicReadTrack.objects.get(user=reader, topic=first).mark_time >= first.last_post_on


def test_the_forum_is_marked_read_when_its_last_unread_topic_is_seen(
    client, reader, forum_with_two_topics
):
    forum, author, (first, second) = forum_with_two_topics
    view(client, first)
    assert not ForumReadTrack.objects.filter(user=reader, forum=forum).exists()

    view(client, second)

    assert ForumReadTrack.objects.filter(user=reader, forum=forum).exists()
    assert not TopicReadTrack.objects.filter(user=reader, topic__forum=forum).exists()
    # And a topic of a forum read as a whole, seen again, writes nothing.
    assert writes_to_tracks(view(client, first)) == []


def test_a_visitor_leaves_no_marks(client):
    forum_public = course_forum(public=True)
    author = member("es")
    grant(author, forum_public)
    topic = create_topic(forum=forum_public, poster=author, subject="Abierto")
    PostFactory(topic=topic, poster=author, subject="Abierto", content="Texto.")

    assert writes_to_tracks(view(client, topic)) == []
    assert not TopicReadTrack.objects.exists()
