"""Posts tell those they concern: followers, the one replied to, those mentioned, the week's
key respondents, the asker; one notice per member and post, the strongest event."""

from __future__ import annotations

import pytest

from courses.models import Role
from notifications.models import Email, Event, Notice, SubscriptionMode
from notifications.preferences import set_forum_mode
from tests.factories import UserFactory, WeekPageFactory
from tests.forum.participation_helpers import person, publish

from .conftest import Post, Topic, new_topic, notices_of, post_reply, reply, start_topic

pytestmark = pytest.mark.django_db


def test_a_reply_in_a_followed_topic_tells_its_follower_with_a_link_to_the_post(topic, ana, louis):
    topic.subscribers.add(louis)

    post = reply(topic, ana, "Las cooperativas de crédito.")

    notice = Notice.objects.get(recipient=louis)
    assert (notice.event, notice.post_id, notice.actor_id) == (Event.NEW_POST, post.pk, ana.pk)
    assert notice.url.endswith(f"?post={post.pk}#{post.pk}")


def test_the_author_of_a_post_is_not_told_of_it(topic, ana):
    topic.subscribers.add(ana)

    reply(topic, ana, "Mi propia respuesta.")

    assert notices_of(ana) == []


def test_a_forum_in_automatic_mode_tells_every_member_of_a_new_topic(forum, ana, louis, lucia):
    set_forum_mode(forum, SubscriptionMode.AUTO)

    post = new_topic(forum, ana, "¿Quién financia la economía social?")

    assert notices_of(louis) == [(Event.NEW_POST, post.pk, None)]
    assert notices_of(lucia) == [(Event.NEW_POST, post.pk, None)]
    assert notices_of(ana) == []


def test_a_forum_in_optional_mode_tells_no_one_who_did_not_subscribe(forum, ana, louis):
    new_topic(forum, ana, "¿Quién financia la economía social?")

    assert notices_of(louis) == []


def test_a_weeks_new_discussion_question_is_not_told_as_a_new_post(
    organizer, open_week, forum, ana
):
    set_forum_mode(forum, SubscriptionMode.FORCED)
    open_week.questions.append(("question", {"text": "Who pays for it?"}))

    publish(open_week, organizer)

    assert Topic.objects.filter(forum=forum, subject__startswith="Who pays").exists()
    assert notices_of(ana) == []


def test_a_reply_tells_the_member_who_started_the_topic(client, forum, ana, louis):
    first = start_topic(client, louis, forum, "Les coopératives ont besoin de crédit.")

    answer = post_reply(client, ana, first.topic, "En Bolivia también.")

    assert notices_of(louis) == [(Event.REPLY, answer.pk, None)]


def test_a_mention_tells_the_member_named(topic, ana, louis):
    post = reply(topic, ana, "Gracias @louis, muy útil.")

    assert notices_of(louis) == [(Event.MENTION, post.pk, None)]


def test_a_mention_in_code_or_in_a_quotation_tells_no_one(topic, ana, louis):
    reply(topic, ana, "> Merci @louis\n\nCódigo: `@louis` y\n\n    @louis\n")

    assert notices_of(louis) == []


def test_a_mention_of_someone_outside_the_course_tells_them_nothing(topic, ana):
    outsider = UserFactory(username="outsider")

    reply(topic, ana, "Como dice @outsider.")

    assert notices_of(outsider) == []


def test_a_question_to_the_key_respondent_tells_the_weeks_key_respondent(
    client, topic, ana, lucia, louis
):
    topic.subscribers.add(lucia)

    question = post_reply(client, ana, topic, "¿Cómo se financian?", ask_key_respondent="on")

    assert notices_of(lucia) == [(Event.QUESTION, question.pk, None)]
    assert notices_of(louis) == []


def test_a_new_topic_asked_as_a_question_tells_the_key_respondent(client, forum, ana, lucia):
    question = start_topic(client, ana, forum, "¿Y el crédito?", ask_key_respondent="on")

    assert notices_of(lucia) == [(Event.QUESTION, question.pk, None)]


def test_the_key_respondents_answer_tells_the_asker_once(client, topic, ana, lucia):
    topic.subscribers.add(ana)
    post_reply(client, ana, topic, "¿Cómo se financian?", ask_key_respondent="on")

    answer = post_reply(client, lucia, topic, "With community bonds.")

    assert notices_of(ana) == [(Event.ANSWER, answer.pk, None)]


def test_a_key_respondent_of_another_week_is_not_asked(client, course, topic, ana):
    other_week = WeekPageFactory(parent=course, slug="later")
    other = person(course, "otro", Role.KEY_RESPONDENT, week=other_week)

    post_reply(client, ana, topic, "¿Cómo se financian?", ask_key_respondent="on")

    assert notices_of(other) == []


def test_the_strongest_event_wins_for_a_follower_also_mentioned(topic, ana, louis):
    topic.subscribers.add(louis)
    set_forum_mode(topic.forum, SubscriptionMode.AUTO)

    post = reply(topic, ana, "¿Qué opinas, @louis?")

    assert notices_of(louis) == [(Event.MENTION, post.pk, None)]


def test_a_post_awaiting_approval_is_told_when_approved_and_only_then(topic, ana, louis):
    topic.subscribers.add(louis)
    post = Post.objects.create(
        topic=topic, poster=ana, subject="Re", content="Pendiente de aprobación.", approved=False
    )
    assert notices_of(louis) == []

    post.approved = True
    post.save()
    post.content = "Pendiente de aprobación (corregido)."
    post.save()

    assert notices_of(louis) == [(Event.NEW_POST, post.pk, None)]


def test_a_notice_for_a_member_who_wants_each_email_queues_one(topic, ana, louis):
    topic.subscribers.add(louis)

    reply(topic, ana, "Un correo para Louis.")

    notice = Notice.objects.get(recipient=louis)
    assert Email.objects.filter(recipient=louis, notice=notice).count() == 1


def test_a_reply_to_a_weeks_discussion_question_tells_not_its_publisher(topic, organizer, ana):
    reply(topic, ana, "Las cooperativas.")

    assert notices_of(organizer) == []
