"""Pages in three languages: an organizer translates a page with wagtail-localize, offline."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from courses.models import CaseStudyPage, CoursePage, WeekPage
from forum.models import WeekForum
from tests.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db


def publish(page, user=None):
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def submit_for_translation(client, page, *codes):
    locales = [Locale.objects.get(language_code=code).pk for code in codes]
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": locales},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return {
        code: Translation.objects.get(
            source__object_id=page.translation_key,
            target_locale__language_code=code,
        )
        for code in codes
    }


def machine_translate(client, translation):
    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]), {"next": "/admin/"}
    )
    assert response.status_code == 302


@pytest.fixture
def translated_week(client, week, organizer):
    week.introduction = "<p>The <b>cooperatives</b> need credit.</p>"
    publish(week, organizer)
    client.force_login(organizer)
    translations = submit_for_translation(client, week, "es", "fr")
    for translation in translations.values():
        machine_translate(client, translation)
    return translations


def test_a_week_is_machine_translated_into_spanish_and_french_with_apertium(
    translated_week, publish_translation
):
    es = publish_translation(translated_week["es"])
    fr = publish_translation(translated_week["fr"])

    assert isinstance(es, WeekPage)
    assert es.locale.language_code == "es"
    assert "cooperativas" in es.introduction
    assert "<b>" in es.introduction
    assert "coopératives" in fr.introduction
    assert es.live
    assert fr.live
    machine = StringTranslation.objects.filter(
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
    )
    assert machine.filter(tool_name="Puentes translation engine").exists()


def test_an_organizer_post_edits_a_machine_translated_string_and_publishes_it(
    client, translated_week, publish_translation
):
    translation = translated_week["es"]
    segment = StringSegment.objects.filter(
        source=translation.source, string__data__contains="cooperatives"
    ).first()
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        "value=Las <b>cooperativas</b> necesitan financiamiento.",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201)

    es = publish_translation(translation)

    assert "necesitan financiamiento" in es.introduction
    edited = StringTranslation.objects.get(translation_of=segment.string, locale=es.locale)
    assert edited.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL


def test_publishing_a_translated_week_keeps_one_forum_for_the_week(
    translated_week, publish_translation
):
    publish_translation(translated_week["es"])
    publish_translation(translated_week["fr"])

    assert WeekForum.objects.count() == 1


def test_a_course_page_is_machine_translated_into_french(
    client, course, organizer, publish_translation
):
    course.summary = "Policy to support the social economy."
    publish(course, organizer)
    client.force_login(organizer)

    translation = submit_for_translation(client, course, "fr")["fr"]
    machine_translate(client, translation)
    fr = publish_translation(translation)

    assert isinstance(fr, CoursePage)
    assert "économie sociale" in fr.summary


def test_a_case_study_is_machine_translated_into_spanish(
    client, week, organizer, publish_translation
):
    publish(week, organizer)
    study = CaseStudyPageFactory(
        parent=week,
        language="en",
        abstract="The cooperatives of Quebec.",
        body="<p>A short study.</p>",
    )
    publish(study, organizer)
    client.force_login(organizer)

    translations = submit_for_translation(client, week, "es")  # the parent first
    publish_translation(translations["es"])
    translation = submit_for_translation(client, study, "es")["es"]
    machine_translate(client, translation)
    es = publish_translation(translation)

    assert isinstance(es, CaseStudyPage)
    assert "cooperativas" in es.abstract.lower()
