"""The pages around writing show the discussion in the reader's language too: the reply
form (its heading and the review of the topic's latest posts), the edit forms' headings
and a member's list of posts. Each showed the originals before, whatever the reader read."""

from __future__ import annotations

import pytest
from django.urls import reverse
from machina.test.factories import PostFactory, create_topic

from forum.forum_names import request_forum_texts
from tests.forum.helpers import course_forum, grant, member, topic_url
from tests.translations.pipeline_helpers import CountingEngine
from translations import pipeline
from translations.models import PostLanguage, PostTranslation

pytestmark = pytest.mark.django_db

SUBJECT = "La economía social"
CONTENT = "Las cooperativas necesitan **crédito** y políticas estables."


@pytest.fixture
def spanish_topic():
    author = member("es")
    forum = course_forum()
    grant(author, forum)
    topic = create_topic(forum=forum, poster=author, subject=SUBJECT)
    post = PostFactory(topic=topic, poster=author, subject=SUBJECT, content=CONTENT)
    PostLanguage.objects.update_or_create(post=post, defaults={"language": "es"})
    pipeline.request_post_translation(post, targets=["es", "fr", "en"], language="es")
    pipeline.translate_pending(post.pk, engine=CountingEngine())
    return topic, post


@pytest.fixture
def english_reader(client, spanish_topic):
    topic, _ = spanish_topic
    reader = member("en")
    grant(reader, topic.forum)
    client.force_login(reader)
    return reader


def english(post) -> PostTranslation:
    return PostTranslation.objects.get(post=post, language="en")


def test_the_reply_form_reviews_the_topic_in_the_readers_language(
    client, spanish_topic, english_reader
):
    topic, post = spanish_topic
    url = reverse(
        "forum_conversation:post_create",
        kwargs={
            "forum_slug": topic.forum.slug,
            "forum_pk": topic.forum.pk,
            "topic_slug": topic.slug,
            "topic_pk": topic.pk,
        },
    )

    html = client.get(url).content.decode()

    translation = english(post)
    heading = html.split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert translation.subject in heading
    assert SUBJECT not in heading
    review = html.split('class="card topic-review"', 1)[1]
    assert "Machine-translated from Spanish" in review
    assert translation.subject in review
    assert 'data-version="original" lang="es" hidden' in review  # the original one click away
    assert "Las cooperativas necesitan <strong>crédito</strong>" in review


def test_the_edit_form_heading_is_the_translated_subject(client, spanish_topic, english_reader):
    topic, post = spanish_topic
    post.poster = english_reader  # one may edit one's own post
    post.save()
    url = reverse(
        "forum_conversation:post_update",
        kwargs={
            "forum_slug": topic.forum.slug,
            "forum_pk": topic.forum.pk,
            "topic_slug": topic.slug,
            "topic_pk": topic.pk,
            "pk": post.pk,
        },
    )

    response = client.get(url)

    assert response.status_code == 200
    heading = response.content.decode().split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert english(post).subject in heading


def test_the_new_topic_form_names_the_forum_in_the_readers_language(
    client, spanish_topic, english_reader
):
    topic, _ = spanish_topic
    forum = topic.forum
    forum.name = "Semana 1: la economía social en nuestras regiones"
    forum.save()
    request_forum_texts(forum)
    from translations.texts import translate_due_texts

    translate_due_texts(engine=CountingEngine())
    url = reverse(
        "forum_conversation:topic_create", kwargs={"forum_slug": forum.slug, "forum_pk": forum.pk}
    )

    html = client.get(url).content.decode()

    heading = html.split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert forum.name not in heading.split(">", 1)[-1].split("<", 1)[0]
    assert f"Original in Spanish: {forum.name}" in heading


def test_a_members_post_list_is_in_the_readers_language(client, spanish_topic, english_reader):
    topic, post = spanish_topic

    html = client.get(reverse("forum_member:user_posts", args=[post.poster_id])).content.decode()

    assert "Machine-translated from Spanish" in html
    assert english(post).subject in html
    assert 'data-version="original" lang="es" hidden' in html
    assert topic_url(topic) in html
