"""Bad input on posts: a text too long is refused by the form, which states the limit and
gives the text back; a post that shows nothing (zero-width characters) is refused."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from machina.core.db.models import get_model
from machina.test.factories import PostFactory, create_topic

from forum.forms import POST_MAX_CHARACTERS
from tests.forum.helpers import course_forum, grant, member
from tests.forum.permission_world import NO_ATTACHMENTS

pytestmark = pytest.mark.django_db

Post = get_model("forum_conversation", "Post")

INVISIBLE = "\u200b\u200c \u200d\n\u2060\ufeff\t"


@pytest.fixture
def author_in_topic(client):
    """An author whose interface is in English (the messages checked are the English ones)."""
    author = member("en")
    forum = course_forum()
    grant(author, forum)
    topic = create_topic(forum=forum, poster=author)
    PostFactory(topic=topic, poster=author)
    client.force_login(author)
    return forum, topic


def reply_url(forum, topic) -> str:
    return reverse(
        "forum_conversation:post_create", args=[forum.slug, forum.pk, topic.slug, topic.pk]
    )


def reply(client, forum, topic, content: str, subject: str = "Re: crédito"):
    return client.post(
        reply_url(forum, topic),
        {"subject": subject, "content": content, "language": "es", **NO_ATTACHMENTS},
    )


def test_a_post_over_django_s_default_request_size_gets_the_form_s_answer_and_its_text_back(
    client, author_in_topic
):
    forum, topic = author_in_topic
    content = "Las cooperativas necesitan crédito. " * 80_000 + "FinDelTexto"  # 2.9 MB
    assert len(content.encode()) > 2.5 * 1024 * 1024

    response = reply(client, forum, topic, content)

    assert response.status_code == 200
    html = response.content.decode()
    assert "a post may have at most 50,000" in html
    assert "FinDelTexto</textarea>" in html  # the author's text, back in the editor
    assert Post.objects.filter(topic=topic).count() == 1


def test_a_post_one_character_over_the_limit_is_refused_and_one_at_the_limit_accepted(
    client, author_in_topic
):
    forum, topic = author_in_topic

    too_long = reply(client, forum, topic, "a" * (POST_MAX_CHARACTERS + 1))
    at_limit = reply(client, forum, topic, "a" * POST_MAX_CHARACTERS)

    assert too_long.status_code == 200
    assert "The message has 50,001 characters" in too_long.content.decode()
    assert at_limit.status_code == 302
    assert Post.objects.filter(topic=topic).count() == 2


def test_the_editor_states_the_length_limit(client, author_in_topic):
    forum, topic = author_in_topic

    html = client.get(reply_url(forum, topic)).content.decode()

    assert "At most 50,000 characters." in html


def test_the_request_limit_stays_comfortably_above_the_longest_post():
    """4-byte characters, percent-encoded: 12 bytes each; twice that, and the subject."""
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE >= 2 * 12 * POST_MAX_CHARACTERS + 4096


def test_a_message_of_zero_width_characters_only_is_refused(client, author_in_topic):
    forum, topic = author_in_topic

    response = reply(client, forum, topic, INVISIBLE)

    assert response.status_code == 200
    assert "The message has only invisible characters" in response.content.decode()
    assert Post.objects.filter(topic=topic).count() == 1


def test_a_subject_of_zero_width_characters_only_is_refused(client, author_in_topic):
    forum, topic = author_in_topic

    response = client.post(
        reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk]),
        {
            "subject": INVISIBLE,
            "content": "Las cooperativas necesitan crédito.",
            "language": "es",
            "topic_type": 0,
            **NO_ATTACHMENTS,
        },
    )

    assert response.status_code == 200
    assert "The subject has only invisible characters" in response.content.decode()
    assert not Post.objects.filter(content="Las cooperativas necesitan crédito.").exists()


def test_a_message_with_zero_width_characters_around_words_is_accepted(client, author_in_topic):
    forum, topic = author_in_topic

    response = reply(client, forum, topic, "\u200bLas cooperativas\u200d necesitan crédito.")

    assert response.status_code == 302
