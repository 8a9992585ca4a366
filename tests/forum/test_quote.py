"""Quoting a post in a reply: a "Quote" link on every post for members who may reply, and
"Answer this question" on open questions for those who answer them; the reply form opens
with the post's Markdown quoted, and a quoted question is the one the answer answers. A post
the reader may not see cannot be quoted."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.models import Role
from forum.models import KeyRespondentQuestion
from forum.questions import ask
from members.templatetags.member_names import member_name
from tests.factories import WeekPageFactory
from tests.forum.participation_helpers import person, publish, question_topic, reply
from tests.forum.permission_world import NO_ATTACHMENTS

pytestmark = pytest.mark.django_db

MARKDOWN = "Las **cooperativas** necesitan crédito.\n\n- bancos\n- bonos"


@pytest.fixture
def open_week(week, organizer):
    return publish(week, organizer)


@pytest.fixture
def respondent(course, open_week):
    return person(course, "lucia", Role.KEY_RESPONDENT, week=open_week)


@pytest.fixture
def question(course, open_week):
    """Ana's question to the key respondent, a reply in the week's first question topic."""
    post = reply(question_topic(open_week), person(course, "ana"), MARKDOWN, language="es")
    ask(post=post)
    return post


def topic_url(topic) -> str:
    forum = topic.forum
    return reverse("forum_conversation:topic", args=[forum.slug, forum.pk, topic.slug, topic.pk])


def reply_url(topic, quote=None) -> str:
    forum = topic.forum
    url = reverse(
        "forum_conversation:post_create", args=[forum.slug, forum.pk, topic.slug, topic.pk]
    )
    return url if quote is None else f"{url}?quote={quote}"


def test_every_post_has_a_quote_link_for_a_member_who_may_reply(client, course, question):
    client.force_login(person(course, "louis"))
    topic = question.topic

    html = client.get(topic_url(topic)).content.decode()

    for post in topic.posts.all():
        assert (
            f'href="{reply_url(topic, post.pk)}" class="btn btn-secondary btn-sm post-quote"'
            in html
        )


def test_the_quote_link_opens_the_reply_with_the_posts_markdown_quoted_under_its_author(
    client, course, question
):
    client.force_login(person(course, "louis"))

    response = client.get(reply_url(question.topic, question.pk))

    assert response.status_code == 200
    content = response.context["post_form"].initial["content"]
    assert content == (
        f"> **{member_name(question.poster)}** wrote:\n"
        "> Las **cooperativas** necesitan crédito.\n"
        ">\n"
        "> - bancos\n"
        "> - bonos\n\n"
    )
    assert "&gt; Las **cooperativas** necesitan crédito." in response.content.decode()


def test_the_quote_heading_is_in_the_readers_language(client, course, question):
    client.force_login(person(course, "louis", language="fr"))

    content = (
        client.get(reply_url(question.topic, question.pk)).context["post_form"].initial["content"]
    )

    assert content.startswith(f"> **{member_name(question.poster)}** a écrit :\n")


@pytest.mark.parametrize("quote", ["999999", "abc", "-1", "1.5"])
def test_quoting_no_post_of_the_topic_is_a_404(client, course, question, quote):
    client.force_login(person(course, "louis"))

    assert client.get(reply_url(question.topic, quote)).status_code == 404


def test_quoting_a_post_of_another_topic_is_a_404(client, course, open_week, question):
    client.force_login(person(course, "louis"))
    other_topic = question_topic(open_week, 1)

    assert client.get(reply_url(other_topic, question.pk)).status_code == 404


def test_a_question_quoted_by_the_key_respondent_is_the_one_the_reply_answers(
    client, course, open_week, question, respondent
):
    later = reply(question.topic, person(course, "louis"), "¿Y los bonos?")
    ask(post=later)
    client.force_login(respondent)

    form = client.get(reply_url(question.topic, question.pk)).context["post_form"]

    assert form.fields["answers_question"].initial == str(question.pk)


def test_the_key_respondent_is_offered_answer_this_question_on_open_questions_only(
    client, course, question, respondent
):
    topic = question.topic
    answered = reply(topic, person(course, "louis"), "¿Otra?")
    ask(post=answered)
    KeyRespondentQuestion.objects.filter(post=answered).update(answered_at="2026-01-01T00:00Z")
    client.force_login(respondent)

    html = client.get(topic_url(topic)).content.decode()

    assert html.count("data-answer-question") == 1
    assert (
        f'href="{reply_url(topic, question.pk)}" class="btn btn-primary btn-sm post-answer"' in html
    )


def test_a_participant_is_not_offered_answer_this_question(client, course, question, respondent):
    client.force_login(person(course, "louis"))

    html = client.get(topic_url(question.topic)).content.decode()

    assert "data-answer-question" not in html
    assert "data-quote-post" in html


def test_an_organizer_answers_the_question_they_chose_from_its_link(
    client, course, organizer, question
):
    client.force_login(organizer)
    topic = question.topic
    assert "data-answer-question" in client.get(topic_url(topic)).content.decode()
    form = client.get(reply_url(topic, question.pk)).context["post_form"]
    assert form.fields["answers_question"].initial == str(question.pk)

    response = client.post(
        reply_url(topic, question.pk),
        {"subject": "Re", "content": "Con bonos comunitarios.", "language": "es",
         "answers_question": str(question.pk), **NO_ATTACHMENTS},
    )  # fmt: skip

    assert response.status_code == 302
    record = KeyRespondentQuestion.objects.get(post=question)
    assert record.answered_by.content.raw == "Con bonos comunitarios."


def test_an_organizers_other_replies_answer_no_question(client, course, organizer, question):
    reply(question.topic, organizer, "Recordad: respuestas breves.")

    assert not KeyRespondentQuestion.objects.get(post=question).is_answered


def test_an_organizers_reply_form_chooses_no_question_unless_one_is_quoted(
    client, course, organizer, question
):
    client.force_login(organizer)

    form = client.get(reply_url(question.topic)).context["post_form"]

    assert form.fields["answers_question"].initial == ""


@pytest.fixture
def gated(course, organizer):
    """A "post before you see the others" question, answered by Ana."""
    week = WeekPageFactory(
        parent=course,
        questions=[("question", {"text": "What works?", "post_before_seeing_others": True})],
    )
    publish(week, organizer)
    topic = question_topic(week)
    answer = reply(topic, person(course, "ana"), "Mi respuesta independiente.")
    return topic, answer


def test_quoting_an_answer_the_reader_may_not_see_yet_is_a_404(client, course, gated):
    topic, answer = gated
    client.force_login(person(course, "louis"))

    response = client.get(reply_url(topic, answer.pk))

    assert response.status_code == 404
    assert "Mi respuesta independiente." not in response.content.decode()


def test_the_question_itself_may_be_quoted_before_answering(client, course, gated):
    topic, _answer = gated
    client.force_login(person(course, "louis"))

    response = client.get(reply_url(topic, topic.first_post_id))

    assert response.status_code == 200
    assert "> What works?" in response.context["post_form"].initial["content"]


def test_after_answering_the_reader_may_quote_the_others_answers(client, course, gated):
    topic, answer = gated
    louis = person(course, "louis")
    reply(topic, louis, "Ma réponse.")
    client.force_login(louis)

    response = client.get(reply_url(topic, answer.pk))

    assert response.status_code == 200
    assert "Mi respuesta independiente." in response.context["post_form"].initial["content"]


def test_a_post_awaiting_approval_cannot_be_quoted(client, course, question):
    question.topic.posts.filter(pk=question.pk).update(approved=False)
    client.force_login(person(course, "louis"))

    assert client.get(reply_url(question.topic, question.pk)).status_code == 404


def test_markdown_marks_in_the_authors_name_do_not_run_into_the_quote(course, question):
    from forum.quotes import quotation
    from members.profiles import get_profile

    profile = get_profile(question.poster)
    profile.display_name = "Ana *la* [Jefa] Pérez-Díaz"
    profile.save()
    post = type(question).objects.select_related("poster").get(pk=question.pk)

    assert quotation(post).startswith(r"> **Ana \*la\* \[Jefa\] Pérez-Díaz** wrote:")
