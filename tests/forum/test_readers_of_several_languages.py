"""A member who reads several languages sees posts in any of them as written."""

from __future__ import annotations

import pytest
from machina.test.factories import PostFactory, create_topic

from tests.forum.helpers import course_forum, grant, member, topic_url
from tests.translations.pipeline_helpers import CountingEngine
from translations import pipeline

pytestmark = pytest.mark.django_db


def post_in(forum, language: str, content: str):
    author = member(language)
    topic = create_topic(forum=forum, poster=author, subject="Sujet")
    post = PostFactory(topic=topic, poster=author, subject="Sujet", content=content)
    pipeline.request_post_translation(post, targets=["es", "fr", "en"], language=language)
    pipeline.translate_pending(post.pk, engine=CountingEngine())
    return post


def test_a_reader_of_spanish_and_french_sees_a_french_post_untranslated(client):
    forum = course_forum()
    post = post_in(forum, "fr", "Les coopératives ont besoin de crédit.")
    reader = member("es", reads=["fr"])
    grant(reader, forum)
    client.force_login(reader)

    html = client.get(topic_url(post.topic)).content.decode()

    assert "Les coopératives ont besoin de crédit." in html
    assert "translation-label" not in html
    assert 'data-version="translation"' not in html


def test_the_same_reader_gets_an_english_post_translated_into_spanish(client):
    forum = course_forum()
    post = post_in(forum, "en", "The cooperatives need credit.")
    reader = member("es", reads=["fr"])
    grant(reader, forum)
    client.force_login(reader)

    html = client.get(topic_url(post.topic)).content.decode()

    assert "translation-label--machine" in html
    assert "cooperativas" in html
