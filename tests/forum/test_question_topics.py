from __future__ import annotations

import pytest
from machina.core.db.models import get_model

from forum.models import QuestionTopic, WeekForum

Topic = get_model("forum_conversation", "Topic")
Post = get_model("forum_conversation", "Post")

pytestmark = pytest.mark.django_db


def publish(page, user=None):
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def test_each_question_becomes_a_pinned_topic_in_the_week_forum(week, organizer):
    publish(week, organizer)

    forum = WeekForum.objects.get(week=week).forum
    topics = Topic.objects.filter(forum=forum).order_by("id")
    assert [t.subject for t in topics] == [
        "What is the social economy where you work?",
        "Which policy helped it most?",
    ]
    assert all(t.type == Topic.TOPIC_STICKY for t in topics)


def test_question_topics_are_posted_by_the_organizer_who_published_the_week(week, organizer):
    publish(week, organizer)

    assert {t.poster for t in Topic.objects.all()} == {organizer}
    assert {p.poster for p in Post.objects.all()} == {organizer}


def test_each_question_topic_is_linked_to_its_question_block(week, organizer):
    publish(week, organizer)

    block_ids = [block.id for block in week.questions]
    assert list(QuestionTopic.objects.order_by("position").values_list("block_id", flat=True)) == (
        block_ids
    )


def test_editing_a_question_updates_its_topic_and_first_post(week, organizer):
    publish(week, organizer)
    topic_id = QuestionTopic.objects.get(position=0).topic_id
    week.questions[0].value["text"] = "¿Qué es la economía social en su país?"

    publish(week, organizer)

    topic = Topic.objects.get(pk=topic_id)
    assert topic.subject == "¿Qué es la economía social en su país?"
    assert topic.first_post.content.raw == "¿Qué es la economía social en su país?"
    assert Topic.objects.count() == 2


def test_a_removed_question_keeps_its_answers_in_a_locked_unpinned_topic(week, organizer):
    publish(week, organizer)
    removed = QuestionTopic.objects.get(position=1)
    del week.questions[1]

    publish(week, organizer)

    removed.refresh_from_db()
    assert removed.retired
    assert removed.topic.is_locked
    assert removed.topic.type == Topic.TOPIC_POST


def test_a_new_question_adds_one_topic(week, organizer):
    publish(week, organizer)
    week.questions.append(("question", {"text": "What would you ask your government?"}))

    publish(week, organizer)

    assert Topic.objects.count() == 3
    assert QuestionTopic.objects.get(position=2).topic.subject == (
        "What would you ask your government?"
    )


def test_the_post_first_flag_is_stored_and_defaults_to_false(week):
    week.refresh_from_db()

    assert week.questions[0].value["post_before_seeing_others"] is False
