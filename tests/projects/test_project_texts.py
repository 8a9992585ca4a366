"""Projects' texts are translated like pages' and posts': the title, description, needs,
updates and offers' messages each get their translation, shown in the reader's language
with the same labels; and nothing an author (or an engine) writes becomes markup."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from forum.search_index import text_documents
from projects import actions
from projects.models import Project, Update
from translations.models import TextSource, TextTranslation
from translations.texts import translate_due_texts

pytestmark = pytest.mark.django_db


def sources_of(obj) -> dict[str, TextSource]:
    return {
        source.field: source
        for source in TextSource.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        )
    }


def test_every_text_of_a_project_asks_for_its_translation_in_the_authors_language(
    project, saturdays, owner, louis
):
    offer = actions.offer(project, member=louis, need=saturdays, message="Je viens le samedi.")
    update = actions.post_update(project, by=owner, text="El horno llegó.")

    assert set(sources_of(project)) == {"title", "description"}
    assert set(sources_of(saturdays)) == {"description", "schedule"}
    assert set(sources_of(update)) == {"text"}
    assert sources_of(offer)["message"].fallback_language == "fr"
    assert sources_of(project)["title"].fallback_language == "es"
    rows = TextTranslation.objects.filter(source=sources_of(project)["title"])
    assert sorted(rows.values_list("language", flat=True)) == ["en", "es", "fr"]


def test_editing_the_description_asks_for_it_again_and_leaves_the_title(project, owner):
    title_digest = sources_of(project)["title"].digest

    actions.edit(project, by=owner, description="Otra descripción.")

    sources = sources_of(project)
    assert sources["title"].digest == title_digest
    assert sources["description"].text == "Otra descripción."


def test_a_french_reader_gets_the_project_in_french_with_the_label(
    client, project, saturdays, owner, louis
):
    actions.post_update(project, by=owner, text="Empezamos a hornear el lunes.")
    translate_due_texts()
    client.force_login(louis)

    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()

    assert "translation-label--machine" in page
    assert "Traduction automatique (original en espagnol)" in page  # the French interface
    assert 'data-version="translation" lang="fr"' in page
    assert 'data-version="original" lang="es" hidden' in page
    assert "Panadería comunitaria" in page  # the original, one click away


def test_before_the_worker_the_reader_sees_the_original_with_translation_in_progress(
    client, project, louis
):
    client.force_login(louis)

    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()

    assert "translation-label--pending" in page
    assert "Panadería comunitaria" in page


def test_a_spanish_reader_gets_the_spanish_original_without_a_label(client, project, owner):
    translate_due_texts()
    client.force_login(owner)

    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()

    assert "translation-label" not in page.split("data-needs")[0]


def test_the_listing_labels_the_translated_titles(client, project, louis):
    translate_due_texts()
    client.force_login(louis)

    page = client.get(reverse("projects:index")).content.decode()

    assert 'data-version="translation" lang="fr"' in page
    assert "translation-label--machine" in page


XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>[link](javascript:alert(2))'


def test_markup_in_a_title_description_need_and_update_is_escaped_or_sanitised(
    client, owner, louis
):
    project = actions.propose(owner=owner, title=f"Título {XSS}", description=f"Texto {XSS}")
    actions.add_need(project, by=owner, kind="materials", description=f"Mesas {XSS}")
    actions.post_update(project, by=owner, text=f"Noticia {XSS}")
    client.force_login(louis)

    for url in (reverse("projects:detail", args=[project.pk]), reverse("projects:index")):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page
        assert "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")
        assert 'href="javascript:' not in page
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "&lt;script&gt;" in page


def test_project_texts_are_not_search_documents(project, owner):
    update = actions.post_update(project, by=owner, text="Secreto.", visibility="volunteers")

    for obj in (project, update):
        assert text_documents(ContentType.objects.get_for_model(obj).pk, [obj.pk]) == []


def test_deleting_a_project_forgets_its_texts(project, saturdays, owner):
    update = actions.post_update(project, by=owner, text="Noticia.")
    ids = [s.pk for obj in (project, saturdays, update) for s in sources_of(obj).values()]

    Project.objects.filter(pk=project.pk).delete()

    assert not TextSource.objects.filter(pk__in=ids).exists()
    assert not Update.objects.exists()


def test_a_volunteers_update_is_not_in_the_translators_queue_nor_their_editor(
    client, project, owner, translator
):
    update = actions.post_update(
        project, by=owner, text="La llave está debajo de la maceta.", visibility="volunteers"
    )
    translate_due_texts()
    row = TextTranslation.objects.get(source__in=sources_of(update).values(), language="fr")
    client.force_login(translator)

    queue = client.get("/forum/translations/review/", {"kind": "pages"}).content.decode()
    editor = client.get(reverse("text_translation_edit", args=[row.pk]))

    assert "maceta" not in queue
    assert editor.status_code == 404
