"""Participation figures: members by role, approved posts per language, replies that
crossed a language, per week; private communities only when asked."""

from __future__ import annotations

import pytest
from django.db.models import F

from forum.models import QuestionTopic
from proceedings.figures import crosses, participation
from tests.proceedings.compile_world import build_world, post_in
from translations.models import PostLanguage

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(course, organizer):
    return build_world(course, organizer)


def test_members_are_counted_by_role(world):
    figures = participation(world.course)

    # ana, louis, sarah, nina; jenna; the organizer.
    assert figures["members"]["by_role"] == {
        "key_respondent": 1,
        "organizer": 1,
        "participant": 4,
    }
    assert figures["members"]["total"] == 6


def test_posts_per_language_count_approved_posts_of_shared_forums(world):
    figures = participation(world.course)

    # Spanish: ana, nina, left out, the hidden answer (the unapproved and private not), and
    # the week's Spanish questions (the organizer's posts) once their language is known.
    questions = PostLanguage.objects.filter(
        post__topic__in=[question.topic for question in QuestionTopic.objects.all()],
        post__topic__first_post_id=F("post_id"),
        language="es",
    ).count()
    assert figures["posts_per_language"]["es"] == 4 + questions
    assert figures["posts_per_language"]["fr"] == 1
    assert figures["posts_per_language"]["en"] == 1
    assert figures["posts"] == sum(figures["posts_per_language"].values())


def test_private_communities_count_only_when_asked(world):
    shared = participation(world.course)
    everything = participation(world.course, include_private=True)

    assert everything["posts_per_language"]["es"] == shared["posts_per_language"]["es"] + 1
    assert everything["communities"]["posts"] == 1
    assert "communities" not in shared


def test_a_reply_in_another_language_than_its_topic_crosses(world):
    figures = participation(world.course)

    # Louis's French reply to Ana's Spanish topic.
    assert figures["cross_language_replies"] == 1
    [week] = figures["per_week"]
    assert week["number"] == world.week.number
    assert week["cross_language_replies"] == 1


def test_a_reply_in_the_topics_language_does_not_cross(world):
    topic = world.posts["ana"].topic
    post_in(topic.forum, world.people["nina"], "Estoy de acuerdo.", "es", topic=topic)

    assert participation(world.course)["cross_language_replies"] == 1


def test_unknown_languages_never_cross():
    assert not crosses("", "es")
    assert not crosses("other", "fr")
    assert crosses("fr", "es")


def test_figures_take_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        participation(world.course)
    topic = world.posts["ana"].topic
    for index in range(15):
        post_in(topic.forum, world.people["louis"], f"Réponse {index}.", "fr", topic=topic)

    with django_assert_max_num_queries(len(before.captured_queries)):
        figures = participation(world.course)

    assert figures["cross_language_replies"] == 16
