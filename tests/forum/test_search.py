"""Search across languages: a post is found by words of any of its versions, shown in the
reader's language, and private forums stay out of other people's results."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from machina.test.factories import PostFactory, create_topic

from tests.forum.helpers import course_forum, grant, member
from tests.translations.pipeline_helpers import CountingEngine
from translations import pipeline

pytestmark = pytest.mark.django_db

SEARCH = "/forum/search/"


def french_post(forum, content="Les coopératives ont besoin de crédit."):
    author = member("fr")
    topic = create_topic(forum=forum, poster=author, subject="Le crédit")
    post = PostFactory(topic=topic, poster=author, subject="Le crédit", content=content)
    pipeline.request_post_translation(post, targets=["es", "fr", "en"], language="fr")
    pipeline.translate_pending(post.pk, engine=CountingEngine())
    return post


def found(client, words: str) -> str:
    response = client.get(SEARCH, {"q": words})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def forum():
    """A private course's week forum."""
    return course_forum()


def test_a_french_post_is_found_by_an_english_word_of_its_translation(client, forum):
    post = french_post(forum)
    reader = member("en")
    grant(reader, forum)
    client.force_login(reader)

    html = found(client, "cooperatives")

    assert f'data-post="{post.pk}"' in html
    assert "translation-label--machine" in html  # shown in English, labelled


def test_a_french_post_is_found_by_a_french_word_of_its_original(client, forum):
    post = french_post(forum)
    reader = member("en")
    grant(reader, forum)
    client.force_login(reader)

    assert f'data-post="{post.pk}"' in found(client, "coopératives")


def test_every_word_must_occur(client, forum):
    post = french_post(forum)
    reader = member("en")
    grant(reader, forum)
    client.force_login(reader)

    assert f'data-post="{post.pk}"' not in found(client, "cooperatives bicycles")


def test_a_post_in_a_forum_the_reader_cannot_read_is_not_found(client, forum):
    french_post(forum)
    outsider = member("en")
    grant(outsider, course_forum())  # a member, but of another course
    client.force_login(outsider)

    assert "data-post=" not in found(client, "cooperatives")


def test_anonymous_visitors_only_find_posts_of_public_forums(client, forum):
    private = french_post(forum)
    public = french_post(course_forum(public=True), content="Les coopératives publiques.")

    html = found(client, "coopératives")

    assert f'data-post="{public.pk}"' in html
    assert f'data-post="{private.pk}"' not in html


def test_a_page_of_results_costs_the_same_queries_however_many_hits(client, forum):
    reader = member("en")
    grant(reader, forum)
    client.force_login(reader)
    french_post(forum)
    found(client, "cooperatives")  # warm caches (permissions, profile)
    with CaptureQueriesContext(connection) as one:
        found(client, "cooperatives")
    for _ in range(5):
        french_post(forum)
    with CaptureQueriesContext(connection) as six:
        found(client, "cooperatives")

    assert len(six) == len(one)
