"""Questions to a week's key respondents: asked on the post form, answered by their reply."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.models import Role
from forum.models import KeyRespondentQuestion
from forum.questions import question_counts
from tests.forum.participation_helpers import person, publish, question_topic, reply, week_forum
from tests.forum.permission_world import NO_ATTACHMENTS
from translations.models import PostLanguage, PostTranslation

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_week(week, organizer):
    return publish(week, organizer)


@pytest.fixture
def respondent(course, open_week):
    return person(course, "lucia", Role.KEY_RESPONDENT, language="en", week=open_week)


def ask_in_reply(client, topic, text: str, ask: bool = True):
    forum = topic.forum
    data = {"subject": "Question", "content": text, "language": "es", **NO_ATTACHMENTS}
    if ask:
        data["ask_key_respondent"] = "on"
    return client.post(
        reverse(
            "forum_conversation:post_create", args=[forum.slug, forum.pk, topic.slug, topic.pk]
        ),
        data,
    )


def test_the_post_form_of_a_week_offers_the_question_checkbox(client, course, open_week):
    ana = person(course, "ana")
    client.force_login(ana)
    topic = question_topic(open_week)
    forum = topic.forum

    html = client.get(
        reverse("forum_conversation:post_create", args=[forum.slug, forum.pk, topic.slug, topic.pk])
    ).content.decode()

    assert 'name="ask_key_respondent"' in html
    assert "data-live-word-count" in html
    assert 'aria-live="polite"' in html


def test_a_participant_marks_a_reply_as_a_question_to_the_key_respondent(
    client, course, open_week, respondent
):
    client.force_login(person(course, "ana"))

    ask_in_reply(client, question_topic(open_week), "¿Cómo financian las cooperativas?")

    question = KeyRespondentQuestion.objects.get()
    assert question.week == open_week
    assert not question.is_answered


def test_a_participant_starts_a_topic_as_a_question(client, course, open_week, respondent):
    client.force_login(person(course, "ana"))
    forum = week_forum(open_week)

    client.post(
        reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk]),
        {"subject": "Pregunta", "content": "¿Y el crédito?", "language": "es", "topic_type": 0,
         "ask_key_respondent": "on", **NO_ATTACHMENTS},
    )  # fmt: skip

    assert KeyRespondentQuestion.objects.get().post.topic.subject == "Pregunta"


def test_an_unmarked_reply_is_no_question(client, course, open_week, respondent):
    client.force_login(person(course, "ana"))

    ask_in_reply(client, question_topic(open_week), "Un comentario.", ask=False)

    assert not KeyRespondentQuestion.objects.exists()


def test_the_key_respondent_sees_the_question_in_their_own_language(
    client, course, open_week, respondent
):
    client.force_login(person(course, "ana"))
    ask_in_reply(client, question_topic(open_week), "¿Cómo financian las cooperativas?")
    post = KeyRespondentQuestion.objects.get().post
    PostLanguage.objects.update_or_create(post=post, defaults={"language": "es"})
    PostTranslation.objects.update_or_create(
        post=post, language="en",
        defaults={"source_language": "es", "source_digest": "x", "status": "done",
                  "subject": "Question", "content": "How do cooperatives get funded?",
                  "content_rendered": "<p>How do cooperatives get funded?</p>"},
    )  # fmt: skip
    client.force_login(respondent)

    html = client.get(reverse("my_questions")).content.decode()

    assert "How do cooperatives get funded?" in html
    assert "Machine-translated from Spanish" in html


def test_a_reply_by_the_weeks_key_respondent_answers_the_question(
    client, course, open_week, respondent
):
    client.force_login(person(course, "ana"))
    topic = question_topic(open_week)
    ask_in_reply(client, topic, "¿Cómo financian las cooperativas?")

    answer = reply(topic, respondent, "With community bonds.")

    question = KeyRespondentQuestion.objects.get()
    assert question.is_answered
    assert question.answered_by == answer
    client.force_login(respondent)
    assert "No question is waiting" in client.get(reverse("my_questions")).content.decode()


def test_a_reply_by_another_participant_does_not_answer_it(client, course, open_week, respondent):
    client.force_login(person(course, "ana"))
    topic = question_topic(open_week)
    ask_in_reply(client, topic, "¿Cómo financian las cooperativas?")

    reply(topic, person(course, "louis"), "Bonne question.")

    assert not KeyRespondentQuestion.objects.get().is_answered


def test_organizers_see_unanswered_counts_per_week(
    client, course, open_week, respondent, organizer
):
    client.force_login(person(course, "ana"))
    topic = question_topic(open_week)
    ask_in_reply(client, topic, "¿Primera?")
    ask_in_reply(client, question_topic(open_week, 1), "¿Segunda?")
    reply(topic, respondent, "Answered.")

    counts = question_counts(course)
    client.force_login(organizer)
    page = client.get(reverse("course_participation", args=[course.pk]))

    assert [(item.asked, item.unanswered) for item in counts] == [(2, 1)]
    assert page.status_code == 200
