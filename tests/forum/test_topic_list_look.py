"""A week forum's topic list at a glance: replies, last activity and the people who took
part (initials avatars), in a number of queries that does not grow with the topics."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from machina.test.factories import PostFactory, UserFactory, create_topic

from tests.forum.helpers import course_forum, grant

pytestmark = pytest.mark.django_db


def forum_url(forum) -> str:
    return reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})


def person(first: str, last: str):
    return UserFactory(first_name=first, last_name=last)


def test_each_topic_shows_its_replies_last_activity_and_first_four_participants(client):
    forum = course_forum()
    people = [
        person("Ana", "Pérez"),
        person("Louis", "Martin"),
        person("Kim", "Lee"),
        person("Zoe", "Ortiz"),
        person("Omar", "Diaz"),
    ]
    topic = create_topic(forum=forum, poster=people[0])
    for author in [*people, people[0]]:
        PostFactory(topic=topic, poster=author)
    reader = UserFactory()
    grant(reader, forum)
    client.force_login(reader)

    html = client.get(forum_url(forum)).content.decode()

    row = html[html.index('class="topic-row') :]
    assert '<dd class="topic-count">5</dd>' in row
    assert "<time datetime=" in row
    participants = row[row.index("topic-row__participants") : row.index("topic-row__stats")]
    for initials in ("AP", "LM", "KL", "ZO"):
        assert f'<span aria-hidden="true">{initials}</span>' in participants
    assert "OD" not in participants  # the fifth to post: four avatars at most


def test_an_avatar_without_picture_shows_the_members_initials_and_names_them():
    from django.template.loader import render_to_string

    html = render_to_string(
        "partials/avatar.html",
        {
            "member": person("María José", "García López"),
            "profile": None,
            "show_placeholder": True,
        },
    )

    assert '<span aria-hidden="true">ML</span>' in html
    assert '<span class="visually-hidden">María José García López</span>' in html


def topic_list_queries(client, topics: int) -> int:
    forum = course_forum()
    for number in range(topics):
        author, other = UserFactory(), UserFactory()
        topic = create_topic(forum=forum, poster=author)
        PostFactory(topic=topic, poster=author, subject=f"Tema {number}")
        PostFactory(topic=topic, poster=other)
    reader = UserFactory()
    grant(reader, forum)
    client.force_login(reader)
    client.get(forum_url(forum))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(forum_url(forum))
    assert response.content.decode().count('<li class="topic-row') == topics
    return len(queries)


def test_the_topic_list_query_count_does_not_grow_with_its_topics(client, settings):
    settings.MACHINA_FORUM_TOPICS_NUMBER_PER_PAGE = 50

    assert topic_list_queries(client, 2) == topic_list_queries(client, 20)


def test_last_activity_reads_as_time_ago_in_the_readers_language(compiled_catalogs):
    from django.utils import timezone, translation

    from forum.templatetags.topic_participants import time_ago

    with translation.override("es"):
        assert time_ago(timezone.now()) == "ahora mismo"
        assert time_ago(timezone.now() - dt.timedelta(days=3, hours=2)) == "hace 3\xa0días"
