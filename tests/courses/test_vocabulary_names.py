"""Themes and regions (taxonomy) are kept by organizers as snippets, and their names are
read in every language, like forum names; a case study shows its themes and region."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from courses.vocabulary_texts import shown_terms
from tests.factories import CaseStudyPageFactory
from tests.forum.participation_helpers import publish
from tests.notifications.alert_helpers import region, theme, translated_name
from translations.models import TextSource
from translations.texts import translate_due_texts

pytestmark = pytest.mark.django_db


def test_a_themes_name_is_recorded_in_the_language_it_is_written_in():
    procurement = theme("public-procurement", "Public procurement")

    source = TextSource.objects.get(
        content_type=ContentType.objects.get_for_model(procurement), object_id=procurement.pk
    )

    assert (source.field, source.text, source.language) == ("name", "Public procurement", "en")


def test_a_name_is_translated_and_a_renamed_one_shows_its_new_name_until_translated():
    procurement = theme("public-procurement", "Public procurement")
    translate_due_texts()
    [shown] = shown_terms([procurement], language="es", reads={"es"})
    assert shown.name == translated_name(procurement, "es") != "Public procurement"
    assert shown.original == "Public procurement"

    procurement.name = "Social finance"
    procurement.save()

    [shown] = shown_terms([procurement], language="es", reads={"es"})
    assert (shown.name, shown.original) == ("Social finance", "")


def test_a_reader_of_the_names_language_sees_it_as_written():
    bolivia = region("bolivia", "Bolivia")
    translate_due_texts()

    [shown] = shown_terms([bolivia], language="es", reads={"es", "en"})

    assert (shown.name, shown.original) == ("Bolivia", "")


def test_organizers_keep_the_themes_in_the_admin(client, organizer):
    theme("public-procurement", "Public procurement")
    client.force_login(organizer)

    response = client.get("/admin/snippets/taxonomy/theme/")

    assert response.status_code == 200
    assert "Public procurement" in response.content.decode()


def test_a_case_study_shows_its_themes_and_region(client, week, organizer):
    quebec = region("quebec", "Quebec")
    procurement = theme("public-procurement", "Public procurement")
    study = CaseStudyPageFactory(parent=week, live=False, territory=quebec)
    study.themes.set([procurement])
    publish(study, organizer)
    client.force_login(organizer)

    html = client.get(study.url).content.decode()

    assert 'data-term="public-procurement">Public procurement</li>' in html
    assert 'data-term="quebec">Quebec</li>' in html
