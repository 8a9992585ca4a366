"""Which week and course a forum belongs to, and which topics ask to post first, kept in
each process between requests (courses/kept_structure.py, members/kept.py); the next read
after a week or course is published, moved or unmirrored, or a question changes, reads the
database again.

Run on committed transactions: the generation moves on commit, as in production. The shared
cache is a file cache here (any cache several processes share will do; Redis in production).
"""

from __future__ import annotations

import pytest
from django.db import transaction

from forum.course_of import course_of_forum
from forum.independent import post_first_topics
from forum.models import QuestionTopic, WeekForum
from forum.questions import week_of_forum
from tests.factories import WeekPageFactory
from tests.forum.participation_helpers import publish, question_topic, week_forum

# Serialized: a plain flush would re-create machina's permission rows and break the next
# test that restores the serialized database (tests/conftest.py, celery_worker).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def question(post_first: bool):
    return [("question", {"text": "What works?", "post_before_seeing_others": post_first})]


@pytest.fixture
def published(course, organizer):
    week = publish(WeekPageFactory(parent=course, questions=question(False)), organizer)
    return week, week_forum(week)


def test_a_forums_week_and_course_are_read_once(
    shared_file_cache, published, course, django_assert_num_queries
):
    week, forum = published
    assert week_of_forum(forum.pk) == week
    assert course_of_forum(forum.pk) == course

    with django_assert_num_queries(0):
        assert week_of_forum(forum.pk) == week
        assert course_of_forum(forum.pk) == course


def test_a_week_published_again_is_read_again(shared_file_cache, published, organizer):
    week, forum = published
    assert week_of_forum(forum.pk).title == week.title

    week.title = "Semana de las finanzas solidarias"
    publish(week, organizer)

    assert week_of_forum(forum.pk).title == "Semana de las finanzas solidarias"


def test_a_forum_no_longer_mirrored_has_no_week(shared_file_cache, published):
    week, forum = published
    assert week_of_forum(forum.pk) == week

    WeekForum.objects.filter(forum=forum).delete()

    assert week_of_forum(forum.pk) is None


def test_a_question_that_now_asks_to_post_first_hides_answers_at_once(
    shared_file_cache, published, organizer
):
    week, _forum = published
    topic = question_topic(week)
    assert post_first_topics([topic.pk]) == {}

    week.questions[0].value["post_before_seeing_others"] = True  # the same question
    publish(week, organizer)

    assert question_topic(week) == topic
    assert topic.pk in post_first_topics([topic.pk])


def test_a_transaction_that_moved_a_forum_reads_its_own_rows(shared_file_cache, published):
    week, forum = published
    assert week_of_forum(forum.pk) == week
    with transaction.atomic():
        WeekForum.objects.get(forum=forum).delete()
        assert week_of_forum(forum.pk) is None
        transaction.set_rollback(True)

    assert week_of_forum(forum.pk) == week


def test_a_weeks_forum_and_questions_are_read_once(
    shared_file_cache, published, django_assert_num_queries
):
    from forum.discussion import week_forum_and_topics

    week, forum = published
    week_forum, topics = week_forum_and_topics(week.pk)
    assert week_forum.forum == forum
    assert list(topics.values()) == [question_topic(week)]

    with django_assert_num_queries(0):
        assert week_forum_and_topics(week.pk)[0].forum == forum


def test_a_question_retired_or_a_forum_hidden_is_seen_at_once(shared_file_cache, published):
    from forum.discussion import week_forum_and_topics

    week, _forum = published
    topic = question_topic(week)
    assert list(week_forum_and_topics(week.pk)[1].values()) == [topic]

    mirrored = QuestionTopic.objects.get(topic=topic)
    mirrored.retired = True
    mirrored.save()
    assert week_forum_and_topics(week.pk)[1] == {}

    mirror = WeekForum.objects.get(week=week)
    mirror.hidden = True
    mirror.save()
    assert week_forum_and_topics(week.pk) == (None, {})
