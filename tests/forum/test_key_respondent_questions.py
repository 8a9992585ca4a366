"""Questions to a week's key respondents: asked on the post form, answered by their reply."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.models import Role
from forum.forms import PostForm
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
    assert "data-post-word-count" in html
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


def two_questions(client, course, open_week):
    """Ana then Louis ask in the same topic: their two questions, in that order."""
    topic = question_topic(open_week)
    client.force_login(person(course, "ana"))
    ask_in_reply(client, topic, "¿Cómo financian las cooperativas?")
    client.force_login(person(course, "louis"))
    ask_in_reply(client, topic, "Qui décide des salaires ?")
    return topic, list(KeyRespondentQuestion.objects.order_by("post__created", "pk"))


def answer_in_reply(client, topic, text: str, **data):
    forum = topic.forum
    url = reverse(
        "forum_conversation:post_create", args=[forum.slug, forum.pk, topic.slug, topic.pk]
    )
    return client.post(
        url,
        {"subject": "Answer", "content": text, "language": "en", **NO_ATTACHMENTS, **data},
    )


def test_an_answer_quoting_the_second_question_answers_only_it(
    client, course, open_week, respondent, organizer
):
    topic, (first, second) = two_questions(client, course, open_week)
    client.force_login(respondent)

    response = answer_in_reply(
        client, topic, "The members decide.", answers_question=str(second.post_id)
    )

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert not first.is_answered
    assert second.is_answered
    assert second.answered_by.content.raw == "The members decide."
    queue = client.get(reverse("my_questions")).content.decode()
    assert "Cómo financian" in queue
    assert "Qui décide" not in queue
    assert [(item.asked, item.unanswered) for item in question_counts(course)] == [(2, 1)]
    client.force_login(organizer)
    page = client.get(reverse("course_participation", args=[course.pk]))
    assert page.status_code == 200


def test_the_reply_form_opened_by_a_quote_preselects_the_quoted_question(
    course, open_week, respondent, client
):
    topic, (first, second) = two_questions(client, course, open_week)

    quoting_first = PostForm(user=respondent, forum=topic.forum, topic=topic, quote=first.post_id)
    quoting_nothing = PostForm(user=respondent, forum=topic.forum, topic=topic)

    assert quoting_first.fields["answers_question"].initial == str(first.post_id)
    # Quoting nothing, the latest open question is offered first.
    assert quoting_nothing.fields["answers_question"].initial == str(second.post_id)
    assert [value for value, _label in quoting_nothing.fields["answers_question"].choices] == [
        str(second.post_id),
        str(first.post_id),
        "",
    ]


def test_the_answer_choice_is_only_for_the_weeks_key_respondents(client, course, open_week):
    topic, _questions = two_questions(client, course, open_week)
    participant = person(course, "maria")

    assert (
        "answers_question" not in PostForm(user=participant, forum=topic.forum, topic=topic).fields
    )


def test_an_answer_quoting_nothing_answers_only_the_latest_question(
    client, course, open_week, respondent
):
    topic, (first, second) = two_questions(client, course, open_week)

    answer = reply(topic, respondent, "Both are decided by assemblies.")

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.is_answered, second.is_answered) == (False, True)
    assert second.answered_by == answer
    assert [(item.asked, item.unanswered) for item in question_counts(course)] == [(2, 1)]
    # The next answer answers the question still open.
    reply(topic, respondent, "And the funding comes from bonds.")
    first.refresh_from_db()
    assert first.is_answered
    assert [(item.asked, item.unanswered) for item in question_counts(course)] == [(2, 0)]


def test_a_follow_up_to_an_answered_question_takes_no_other_off_the_queue(
    client, course, open_week, respondent
):
    topic, (first, second) = two_questions(client, course, open_week)
    client.force_login(respondent)
    answer_in_reply(client, topic, "The members decide.", answers_question=str(second.post_id))

    follow_up = PostForm(user=respondent, forum=topic.forum, topic=topic, quote=second.post_id)

    # Quoting the answered question, the form chooses "None of them"; posted as chosen.
    assert follow_up.fields["answers_question"].initial == ""
    answer_in_reply(client, topic, "More on salaries.", answers_question="")
    first.refresh_from_db()
    second.refresh_from_db()
    assert not first.is_answered
    assert second.answered_by.content.raw == "The members decide."


def test_the_asker_sees_which_of_their_questions_is_answered(client, course, open_week, respondent):
    topic, (first, second) = two_questions(client, course, open_week)
    answer = reply(topic, respondent, "The members decide.")
    second.refresh_from_db()

    client.force_login(first.post.poster)
    ana_page = client.get(reverse("my_questions")).content.decode()
    client.force_login(second.post.poster)
    louis_page = client.get(reverse("my_questions")).content.decode()

    assert "Waiting for an answer" in ana_page
    assert "Answered" not in ana_page
    assert f"?post={answer.pk}#{answer.pk}" in louis_page
    assert "Waiting for an answer" not in louis_page


def test_a_key_respondent_may_say_their_reply_answers_no_question(
    client, course, open_week, respondent
):
    topic, questions = two_questions(client, course, open_week)
    client.force_login(respondent)

    response = answer_in_reply(client, topic, "A general remark.", answers_question="")

    assert response.status_code == 302
    assert not KeyRespondentQuestion.objects.filter(answered_at__isnull=False).exists()
    assert [(item.asked, item.unanswered) for item in question_counts(course)] == [(2, 2)]


def test_the_migration_re_derives_the_answers_recorded_before(
    client, course, open_week, respondent
):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("forum.migrations.0003_one_answer_one_question")
    topic, (first, second) = two_questions(client, course, open_week)
    answer = reply(topic, respondent, "The members decide.")
    # As the old rule left it: the one answer marked both questions answered.
    KeyRespondentQuestion.objects.update(answered_at=answer.created, answered_by=answer)

    migration.one_answer_one_question(apps, None)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.answered_by, second.answered_by) == (None, answer)
    assert (first.is_answered, second.is_answered) == (False, True)
    assert [(item.asked, item.unanswered) for item in question_counts(course)] == [(2, 1)]


def test_the_reply_page_opened_with_a_quote_shows_the_choice_with_the_quoted_question(
    course, open_week, respondent, client
):
    topic, (first, _second) = two_questions(client, course, open_week)
    client.force_login(respondent)
    url = reverse(
        "forum_conversation:post_create",
        kwargs={
            "forum_slug": topic.forum.slug,
            "forum_pk": topic.forum.pk,
            "topic_slug": topic.slug,
            "topic_pk": topic.pk,
        },
    )

    html = client.get(f"{url}?quote={first.post_id}").content.decode()

    assert 'name="answers_question"' in html
    assert f'value="{first.post_id}" selected' in html
