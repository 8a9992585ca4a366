"""A week's suggested length and word limit: the post form counts against them, and refuses a
post over the limit in the reader's language, with the text kept in the form."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses.text import count_text_words
from tests.forum.participation_helpers import person, publish, question_topic
from tests.forum.permission_world import NO_ATTACHMENTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def limited_week(week, organizer):
    week.word_target = 3
    week.word_limit = 1000
    week.save()
    return publish(week, organizer)


def reply_url(topic) -> str:
    forum = topic.forum
    return reverse(
        "forum_conversation:post_create", args=[forum.slug, forum.pk, topic.slug, topic.pk]
    )


def new_topic_url(forum) -> str:
    return reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk])


def post_reply(client, topic, content: str):
    data = {"subject": "Re", "content": content, "language": "en", **NO_ATTACHMENTS}
    return client.post(reply_url(topic), data)


#: 1,234 words, each one a word by the shared rule; the Markdown marks around them are not.
LONG_TEXT = "# Title\n\n" + " ".join(f"**word{n}**" for n in range(1233)) + "\n\n> *"


@pytest.mark.parametrize(
    ("language", "refusal"),
    [
        (
            "en",
            "Your post has 1,234 words; this week&#x27;s limit is 1,000 words. "
            "Shorten it and post again.",
        ),
        (
            "es",
            "Tu mensaje tiene 1\xa0234 palabras; el límite de esta semana es de 1\xa0000 palabras. "
            "Acórtalo y vuelve a publicarlo.",
        ),
        (
            "fr",
            "Votre message compte 1\xa0234 mots ; la limite de cette semaine est de "
            "1\xa0000 mots. Raccourcissez-le et publiez-le à nouveau.",
        ),
    ],
)
def test_a_post_over_the_weeks_limit_is_refused_in_the_readers_language_with_its_text_kept(
    client, course, limited_week, language, refusal
):
    client.force_login(person(course, f"ana-{language}", language=language))
    topic = question_topic(limited_week)

    response = post_reply(client, topic, LONG_TEXT)

    html = response.content.decode()
    assert response.status_code == 200
    assert refusal in html
    assert "word1232" in html  # the text is still in the form
    assert not topic.posts.filter(content__contains="word1232").exists()


def test_the_words_are_counted_without_markdown_marks():
    assert count_text_words(LONG_TEXT) == 1234
    assert count_text_words("> # * - **l'économie** `x`") == 2


def test_a_post_at_the_limit_is_accepted(client, course, limited_week):
    client.force_login(person(course, "ana"))
    topic = question_topic(limited_week)

    response = post_reply(client, topic, " ".join(["palabra"] * 1000))

    assert response.status_code == 302
    assert topic.posts.filter(content__startswith="palabra palabra").exists()


def test_a_week_without_a_limit_refuses_no_long_post(client, course, week, organizer):
    publish(week, organizer)
    client.force_login(person(course, "ana"))
    topic = question_topic(week)

    response = post_reply(client, topic, LONG_TEXT)

    assert response.status_code == 302
    assert topic.posts.filter(content__contains="word1232").exists()


def test_a_new_topic_over_the_limit_is_refused_too(client, course, limited_week):
    client.force_login(person(course, "ana"))
    forum = question_topic(limited_week).forum

    response = client.post(
        new_topic_url(forum),
        {"subject": "Long", "content": LONG_TEXT, "language": "en", "topic_type": "0",
         **NO_ATTACHMENTS},
    )  # fmt: skip

    assert response.status_code == 200
    assert "this week&#x27;s limit is 1,000 words" in response.content.decode()


def test_the_form_shows_the_count_the_target_and_the_limit(client, course, limited_week):
    client.force_login(person(course, "ana"))
    topic = question_topic(limited_week)

    html = client.get(reply_url(topic)).content.decode()

    assert 'data-word-target="3"' in html  # on the message field
    assert 'data-word-limit="1000"' in html
    assert "data-post-word-count" in html
    assert "0 words" in html
    assert "target 3" in html
    assert "limit 1,000" in html


def test_the_refused_form_counts_the_words_and_says_they_are_too_many(client, course, limited_week):
    client.force_login(person(course, "ana"))
    topic = question_topic(limited_week)

    html = post_reply(client, topic, LONG_TEXT).content.decode()

    assert "1,234 words" in html
    assert "is-over-limit" in html
    assert "Over this week&#x27;s limit: shorten your post before posting." in html


def test_a_week_without_target_or_limit_shows_the_count_alone(client, course, week, organizer):
    publish(week, organizer)
    client.force_login(person(course, "ana"))

    html = client.get(reply_url(question_topic(week))).content.decode()

    assert "0 words" in html
    assert "data-word-limit" not in html
    assert "target " not in html


def test_a_weeks_limit_cannot_be_below_its_target(week):
    week.word_target = 500
    week.word_limit = 300

    with pytest.raises(ValidationError) as refused:
        week.full_clean()

    assert "word_limit" in refused.value.message_dict


def test_a_weeks_limit_may_equal_its_target_or_stand_alone(week):
    week.word_target = 300
    week.word_limit = 300
    week.full_clean()
    week.word_target = None
    week.full_clean()


def test_a_weeks_limit_of_zero_words_is_refused(week):
    week.word_limit = 0

    with pytest.raises(ValidationError) as refused:
        week.full_clean()

    assert "word_limit" in refused.value.message_dict
