"""The search rows of a batch's translations, refreshed when the pipeline commits them
(translations.signals.posts_translated): the same queries for any number of posts, and the
rows of the originals, kept in step by their own receivers, left as they are."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum.models import SearchDocument
from tests.forum.helpers import course_forum
from tests.search.helpers import written
from translations.models import PostLanguage, PostTranslation
from translations.signals import posts_translated

pytestmark = pytest.mark.django_db

Kind = SearchDocument.Kind


def machine_translated(posts, language: str = "en") -> None:
    """Finished translations written as the pipeline writes them: by an UPDATE, no save."""
    for post in posts:  # saving a course's post may have asked for it already
        PostTranslation.objects.get_or_create(post=post, language=language)
    PostTranslation.objects.filter(post__in=posts, language=language).update(
        status=PostTranslation.Status.DONE,
        source_language="es",
        subject="A topic",
        content="Cooperatives need credit.",
        content_rendered="<p>Cooperatives need <strong>credit</strong>.</p>",
    )


def documents(post) -> dict[str, tuple[int, str, str]]:
    rows = SearchDocument.objects.filter(kind=Kind.POST, object_id=post.pk)
    return {row.language: (row.pk, row.title, row.body) for row in rows}


def refresh(posts) -> int:
    with CaptureQueriesContext(connection) as queries:
        posts_translated.send(sender=PostTranslation, post_ids=[post.pk for post in posts])
    return len(queries)


def test_a_batchs_translations_are_indexed_and_the_originals_rows_left_as_they_are():
    forum = course_forum()
    posts = [written(forum, f"Las cooperativas necesitan crédito {n}.") for n in range(3)]
    originals = {post.pk: documents(post)["es"] for post in posts}
    machine_translated(posts)

    refresh(posts)

    for post in posts:
        rows = documents(post)
        assert rows["es"] == originals[post.pk]  # the same row, not written again
        assert rows["en"][1:] == ("A topic", "Cooperatives need credit.")
        assert set(rows) == {"es", "en"}


def test_a_translation_written_again_replaces_its_row():
    forum = course_forum()
    post = written(forum, "Las cooperativas necesitan crédito.")
    machine_translated([post])
    refresh([post])
    PostTranslation.objects.filter(post=post).update(content_rendered="<p>Housing co-ops</p>")

    refresh([post])

    assert documents(post)["en"][2] == "Housing co-ops"
    assert (
        SearchDocument.objects.filter(kind=Kind.POST, object_id=post.pk, language="en").count() == 1
    )


def test_the_refresh_costs_the_same_queries_for_one_post_as_for_a_whole_batch():
    forum = course_forum()
    one = [written(forum, "Un texto.")]
    many = [written(forum, f"Otro texto {n}.") for n in range(30)]
    machine_translated(one + many)

    assert refresh(one) == refresh(many)


def test_a_post_whose_original_row_is_out_of_step_is_indexed_whole():
    forum = course_forum()
    moved = written(forum, "Texto cuyo idioma cambió.")
    missing = written(forum, "Texto que el índice no tiene.")
    machine_translated([moved, missing])
    PostLanguage.objects.filter(post=moved).update(language="fr")  # no receiver ran
    SearchDocument.objects.filter(object_id=missing.pk).delete()

    refresh([moved, missing])

    assert set(documents(moved)) == {"fr", "en"}
    assert documents(moved)["fr"][2] == "Texto cuyo idioma cambió."
    assert set(documents(missing)) == {"es", "en"}
