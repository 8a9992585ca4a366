"""The course's glossary on page translations: wagtail-localize's "Machine translate" (and
"Sync translated pages") through its real views, with Apertium."""

from __future__ import annotations

import pytest
from django.urls import resolve, reverse
from wagtail.models import Page

from courses import localize as course_localize
from tests.courses.test_localize import machine_translate, publish, submit_for_translation
from tests.factories import CaseStudyPageFactory, CoursePageFactory, WeekPageFactory
from translations.models import GlossaryTerm

pytestmark = pytest.mark.django_db

PROCUREMENT = {
    "term_en": "public procurement",
    "term_es": "compra pública",
    "term_fr": "commande publique",
}
INTRODUCTION = "<p><b>Public procurement</b> helps the social economy of the region.</p>"


@pytest.fixture
def week_with_introduction(week, organizer):
    week.introduction = INTRODUCTION
    return publish(week, organizer)


def test_a_machine_translated_week_uses_its_courses_agreed_term_in_spanish_and_french(
    client, course, organizer, week_with_introduction, publish_translation
):
    GlossaryTerm.objects.create(course=course, **PROCUREMENT)
    client.force_login(organizer)
    translations = submit_for_translation(client, week_with_introduction, "es", "fr")

    for translation in translations.values():
        machine_translate(client, translation)
    es = publish_translation(translations["es"])
    fr = publish_translation(translations["fr"])

    assert "<b>Compra pública</b>" in es.introduction
    assert "aprovisionamiento" not in es.introduction
    assert "<b>Commande publique</b>" in fr.introduction
    assert "approvisionnement" not in fr.introduction


def test_without_a_term_the_engine_keeps_its_own_rendering(
    client, organizer, week_with_introduction, publish_translation
):
    client.force_login(organizer)
    translation = submit_for_translation(client, week_with_introduction, "es")["es"]

    machine_translate(client, translation)
    es = publish_translation(translation)

    assert "aprovisionamiento" in es.introduction.lower()


def test_another_courses_glossary_does_not_apply(
    client, home_page, organizer, week_with_introduction, publish_translation
):
    other_course = CoursePageFactory(parent=home_page)
    GlossaryTerm.objects.create(course=other_course, **PROCUREMENT)
    client.force_login(organizer)
    translation = submit_for_translation(client, week_with_introduction, "es")["es"]

    machine_translate(client, translation)
    es = publish_translation(translation)

    assert "compra pública" not in es.introduction.lower()


def test_a_case_study_two_levels_down_uses_the_courses_glossary(
    client, course, organizer, week_with_introduction, publish_translation
):
    GlossaryTerm.objects.create(course=course, **PROCUREMENT)
    study = CaseStudyPageFactory(
        parent=week_with_introduction, language="en", abstract="Public procurement in Quebec."
    )
    publish(study, organizer)
    client.force_login(organizer)
    publish_translation(submit_for_translation(client, week_with_introduction, "es")["es"])
    translation = submit_for_translation(client, study, "es")["es"]

    machine_translate(client, translation)
    es = publish_translation(translation)

    assert "Compra pública" in es.abstract


def test_syncing_translated_pages_with_machine_translation_uses_the_glossary(
    client, course, organizer, week_with_introduction, publish_translation
):
    client.force_login(organizer)
    translation = submit_for_translation(client, week_with_introduction, "es")["es"]
    GlossaryTerm.objects.create(course=course, **PROCUREMENT)

    response = client.post(
        reverse("wagtail_localize:update_translations", args=[translation.source.pk]),
        {"use_machine_translation": "on"},
    )
    es = publish_translation(translation)

    assert response.status_code == 302
    assert "<b>Compra pública</b>" in es.introduction


def test_wagtail_localizes_urls_still_reach_the_glossary_aware_views():
    machine = resolve(reverse("wagtail_localize:machine_translate", args=[1]))
    update = resolve(reverse("wagtail_localize:update_translations", args=[1]))

    assert machine.url_name == "course_machine_translate"
    assert update.url_name == "course_update_translations"


def test_the_course_of_a_page_is_found_by_walking_up_the_tree(course, week):
    study = CaseStudyPageFactory(parent=week)
    elsewhere = WeekPageFactory(parent=Page.objects.get(slug="home"))

    assert course_localize.course_of_page(study) == course
    assert course_localize.course_of_page(course) == course
    assert course_localize.course_of_page(elsewhere) is None
