"""Full-text search: stemmed words with accents ignored, across languages through the
translations, ranked, the words found marked in an escaped excerpt, a page of results and
its count from one statement; the same on SQLite (FTS5) and PostgreSQL (tsvector)."""

from __future__ import annotations

import pytest

from forum.models import SearchDocument
from forum.search_index import rebuild
from tests.forum.helpers import course_forum, grant, member
from tests.search.helpers import SEARCH, found, translated, written

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum():
    return course_forum()


@pytest.fixture
def reader(client, forum):
    person = member("es")
    grant(person, forum)
    client.force_login(person)
    return person


def test_a_plural_finds_the_singular(client, forum, reader):
    post = written(forum, "Nuestra cooperativa de vivienda abrió en marzo.")

    assert f'data-post="{post.pk}"' in found(client, "cooperativas")


def test_a_word_typed_without_its_accent_finds_it(client, forum, reader):
    post = written(forum, "Hablamos de economía y de crédito.")

    html = found(client, "economia credito")

    assert f'data-post="{post.pk}"' in html


def test_a_spanish_reader_finds_an_english_post_through_its_spanish_translation(
    client, forum, reader
):
    english = written(forum, "The social economy of the valley grows.", language="en")
    translated(english, "es", "La economía social del valle crece.", subject="Un tema")
    spanish = written(forum, "La economía social en nuestro barrio.")
    unrelated = written(forum, "Hablamos de huertos urbanos.")

    html = found(client, "economía social")

    assert f'data-post="{english.pk}"' in html
    assert f'data-post="{spanish.pk}"' in html
    assert f'data-post="{unrelated.pk}"' not in html
    assert "translation-label--machine" in html  # the English post shown in Spanish


def test_every_word_must_occur_in_one_version(client, forum, reader):
    post = written(forum, "La economía social del valle.")

    assert f'data-post="{post.pk}"' not in found(client, "economía zanahoria")


def test_the_best_match_comes_first(client, forum, reader):
    once = written(
        forum,
        "Un día largo en el mercado, con muchas conversaciones y, al final, una cooperativa.",
        subject="El mercado",
    )
    often = written(
        forum,
        "La cooperativa y otra cooperativa: cooperativas por todas partes.",
        subject="Cooperativas",
    )

    html = found(client, "cooperativa")

    assert html.index(f'data-post="{often.pk}"') < html.index(f'data-post="{once.pk}"')


def test_the_excerpt_marks_the_words_and_escapes_the_text(client, forum, reader):
    post = written(forum, "Escribe `<script>alert(1)</script>` y `1 < 2 & 3` en la cooperativa.")

    html = found(client, "cooperativa")

    assert f'data-post="{post.pk}"' in html
    assert "<mark>cooperativa</mark>" in html
    assert "<script>alert(1)" not in html  # escaped (SQLite) or left out (PostgreSQL)
    assert "1 &lt; 2 &amp; 3" in html


def test_the_query_itself_is_never_markup(client, forum, reader):
    written(forum, "La cooperativa del barrio.")

    html = found(client, '<img src=x onerror=alert(1)> "cooperativa')

    assert "<img src=x" not in html


def test_results_come_in_pages_with_their_count(client, forum, reader):
    posts = [written(forum, f"Cooperativa número {number}.") for number in range(23)]

    first = client.get(SEARCH, {"q": "cooperativa"})
    second = found(client, "cooperativa", page=2)

    assert first.context["page_obj"].paginator.count == 23
    html = first.content.decode()
    shown_first = {post.pk for post in posts if f'data-post="{post.pk}"' in html}
    shown_second = {post.pk for post in posts if f'data-post="{post.pk}"' in second}
    assert len(shown_first) == 20
    assert len(shown_second) == 3
    assert not shown_first & shown_second


def test_an_edited_post_is_found_by_its_new_words_only(client, forum, reader):
    post = written(forum, "Hablamos de zanahorias.")
    post.content = "Hablamos de berenjenas."
    post.save()

    assert f'data-post="{post.pk}"' not in found(client, "zanahorias")
    assert f'data-post="{post.pk}"' in found(client, "berenjenas")


def test_a_deleted_post_leaves_the_index(client, forum, reader):
    post = written(forum, "Hablamos de zanahorias.")
    pk = post.pk
    post.delete()

    assert not SearchDocument.objects.filter(kind="post", object_id=pk).exists()
    assert f'data-post="{pk}"' not in found(client, "zanahorias")


def test_a_translation_written_later_makes_the_post_found_by_its_words(client, forum, reader):
    post = written(forum, "Les coopératives du quartier.", language="fr")
    assert f'data-post="{post.pk}"' not in found(client, "barrio")

    translated(post, "es", "Las cooperativas del barrio.")

    assert f'data-post="{post.pk}"' in found(client, "barrio")


def test_the_rebuild_command_indexes_what_is_missing_and_only_that(client, forum, reader):
    post = written(forum, "Hablamos de zanahorias.")
    SearchDocument.objects.filter(kind="post", object_id=post.pk).delete()
    assert f'data-post="{post.pk}"' not in found(client, "zanahorias")

    assert rebuild()["posts"] == 1
    assert rebuild()["posts"] == 0  # nothing missing any more

    assert f'data-post="{post.pk}"' in found(client, "zanahorias")
