"""Translators review and correct the machine translations of projects' texts in the review
queue and the text editor, as they do a page's; only the texts the project's pages would show
them (a hidden project's, a volunteers-only update, someone else's offer: never)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.enrollment import enroll
from courses.models import Role
from projects import actions
from projects.models import Update
from tests.forum.network_review import (
    JSON,
    course_translator,
    edit_url,
    english_reading_translator,
    listed,
    queue_url,
    refused_everywhere,
    save,
    text_row,
)
from translations.texts import translate_due_texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator(course):
    return course_translator(course)


def test_a_translator_corrects_a_projects_title_and_readers_see_it_reviewed(
    client, project, translator, sarah
):
    translate_due_texts()
    row = text_row(project, "title")
    client.force_login(translator)

    queue = client.get(queue_url()).content.decode()
    form = client.get(edit_url(row))
    saved = save(client, row, "Community bakery")
    save(client, text_row(project, "description"), "A cooperative bakery for the neighbourhood.")

    assert listed(queue, row)
    assert "Project title" in queue  # the field, in words
    assert row.text in queue  # the machine's text
    assert "Spanish → English" in queue
    assert f'href="{reverse("projects:detail", args=[project.pk])}"' in queue
    assert form.status_code == 200
    assert "Panadería comunitaria" in form.content.decode()
    assert saved.status_code == 302
    row.refresh_from_db()
    assert row.is_reviewed
    assert row.text == "Community bakery"
    assert not listed(client.get(queue_url()).content.decode(), row)
    client.force_login(sarah)
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "Community bakery" in page
    assert "reviewed by a translator" in page


def test_the_corrected_text_stays_until_the_owner_changes_that_text(
    project, owner, translator, client
):
    translate_due_texts()
    title, description = text_row(project, "title"), text_row(project, "description")
    client.force_login(translator)
    save(client, title, "Community bakery")
    save(client, description, "A cooperative bakery for the neighbourhood.")

    actions.edit(project, by=owner, description="Una panadería cooperativa y un comedor.")
    translate_due_texts()

    title.refresh_from_db()
    description.refresh_from_db()
    assert title.is_reviewed
    assert title.text == "Community bakery"
    assert not description.is_reviewed
    assert description.source_changed_since_review
    assert listed(client.get(queue_url()).content.decode(), description)


def test_the_inline_editor_saves_a_needs_translation_and_gets_it_labelled(
    client, saturdays, translator
):
    translate_due_texts()
    row = text_row(saturdays, "schedule")
    client.force_login(translator)
    save(client, text_row(saturdays, "description"), "Baking bread on Saturdays.")

    opened = client.get(edit_url(row), **JSON).json()
    answer = save(client, row, "Saturdays from 6 to 11", **JSON).json()

    assert opened["field"] == "Schedule"
    assert "Sábados de 6 a 11" in opened["original_html"]
    assert answer["state"] == "reviewed"
    assert answer["label"] == "Translated from Spanish, reviewed by a translator"


def test_the_language_filter_and_the_kind_filter_narrow_the_project_texts(
    client, project, translator
):
    translate_due_texts()
    english, french = text_row(project, "title"), text_row(project, "title", "fr")
    client.force_login(translator)

    spanish_to_english = client.get(queue_url(), {"pair": "es-en"}).content.decode()
    network = client.get(queue_url(), {"kind": "network"}).content.decode()
    pages = client.get(queue_url(), {"kind": "pages"}).content.decode()

    assert listed(spanish_to_english, english)
    assert not listed(spanish_to_english, french)
    assert listed(network, english)
    assert listed(network, french)
    assert not listed(pages, english)


def test_a_course_chosen_in_the_queue_leaves_out_the_texts_of_no_course(
    client, project, translator, course
):
    translate_due_texts()
    client.force_login(translator)

    chosen = client.get(queue_url(), {"course": course.pk}).content.decode()

    assert not listed(chosen, text_row(project, "title"))


def test_a_hidden_projects_texts_are_neither_listed_nor_editable(
    client, project, saturdays, moderator, translator
):
    translate_due_texts()
    actions.hide(project, by=moderator, reason="Spam")
    rows = [text_row(project, "title"), text_row(saturdays, "description")]
    client.force_login(translator)

    queue = client.get(queue_url()).content.decode()

    assert not any(listed(queue, row) for row in rows)
    for row in rows:
        assert refused_everywhere(client, row, 404) == []
        row.refresh_from_db()
        assert not row.is_reviewed


def test_volunteers_updates_and_offers_stay_with_those_who_see_them(
    client, project, saturdays, owner, louis, translator
):
    volunteers_only = actions.post_update(
        project,
        by=owner,
        text="La clave del local es 4521.",
        visibility=Update.Visibility.VOLUNTEERS,
    )
    public = actions.post_update(project, by=owner, text="El horno llegó.")
    offer = actions.offer(project, member=louis, need=saturdays, message="Je viens le samedi.")
    translate_due_texts()
    hidden_rows = [text_row(volunteers_only, "text"), text_row(offer, "message")]
    client.force_login(translator)

    queue = client.get(queue_url()).content.decode()

    assert listed(queue, text_row(public, "text"))
    assert not any(listed(queue, row) for row in hidden_rows)
    for row in hidden_rows:
        assert refused_everywhere(client, row, 404) == []


def test_the_owner_as_translator_reviews_the_offers_made_to_their_project(
    client, course, project, saturdays, owner, louis
):
    offer = actions.offer(project, member=louis, need=saturdays, message="Je viens le samedi.")
    translate_due_texts()
    enroll(course=course, user=owner, role=Role.TRANSLATOR)
    client.force_login(owner)

    assert listed(client.get(queue_url()).content.decode(), text_row(offer, "message", "es"))


def test_a_member_who_translates_no_course_is_refused(client, project, sarah, organizer):
    translate_due_texts()
    row = text_row(project, "title")

    client.force_login(sarah)
    assert client.get(queue_url()).status_code == 403
    assert refused_everywhere(client, row, 403) == []
    client.force_login(organizer)  # an organizer runs one course: not the network's texts
    assert not listed(client.get(queue_url()).content.decode(), row)
    assert refused_everywhere(client, row, 403) == []
    row.refresh_from_db()
    assert not row.is_reviewed


def test_a_french_translator_reads_the_new_filter_and_field_names_in_french(
    client, course, project
):
    translate_due_texts()
    client.force_login(course_translator(course, "fr"))

    queue = client.get(queue_url()).content.decode()

    assert "Projets, communautés et profils" in queue
    assert "Titre du projet" in queue
    assert "(projet)" in queue


def test_the_project_page_offers_translators_an_edit_control_beside_each_translated_text(
    client, project, course, sarah
):
    translator = english_reading_translator(course)  # Spanish texts reach them translated
    translate_due_texts()
    row = text_row(project, "title")
    url = reverse("projects:detail", args=[project.pk])

    client.force_login(translator)
    page = client.get(url).content.decode()
    client.force_login(sarah)
    readers_page = client.get(url).content.decode()

    assert f'data-text-edit="{row.pk}"' in page
    assert f'data-text-edit="{text_row(project, "description").pk}"' in page  # Markdown too
    assert f'href="{edit_url(row)}?next=' in page
    assert 'id="text-translation-editor"' in page  # the inline editor comes with it
    assert "data-text-edit=" not in readers_page


def test_a_markdown_text_saved_inline_comes_back_as_the_page_renders_it(
    client, project, translator
):
    translate_due_texts()
    row = text_row(project, "description")
    client.force_login(translator)

    answer = save(client, row, "A **cooperative** bakery.", **JSON).json()

    assert "<strong>cooperative</strong>" in answer["html"]
    assert "**" not in answer["html"]
