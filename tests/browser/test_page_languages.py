"""Readers switch language on a week page and a case study: same URL, their language,
the original one click away (in place with JavaScript).

The README's demo cohort on a live server, translated by the real worker with Apertium.
"""

from __future__ import annotations

import pytest

from courses.models import CaseStudyPage, WeekPage
from tests.browser.helpers import screenshot, sign_in, switch_language
from translations.shown_texts import translated_text

pytestmark = pytest.mark.browser


def heading(page) -> str:
    return page.locator(
        "h1 [data-version]:visible, h1:not(:has([data-version]))"
    ).first.inner_text()


def test_a_reader_switching_language_reads_the_week_and_the_case_study_in_each(demo_site, new_page):
    week = WeekPage.objects.get(number=3)
    case_study = CaseStudyPage.objects.get(language="fr")
    page = new_page()
    sign_in(page, demo_site, "participant-es")
    switch_language(page, "Español")

    page.goto(demo_site(week.url))
    spanish_title = translated_text(week, "title", language="es")
    assert spanish_title != week.title
    assert spanish_title in heading(page)
    assert page.locator(".translation-label").first.is_visible()
    screenshot(page, "week-page-es")

    # The original, in place: same URL, no reload.
    url = page.url
    page.get_by_role("link", name="Mostrar el original").first.click()
    assert week.title in heading(page)
    assert page.url == url
    page.get_by_role("link", name="Mostrar la traducción").first.click()
    assert spanish_title in heading(page)

    # Same URL in French.
    switch_language(page, "Français")
    page.goto(demo_site(week.url))
    french_title = translated_text(week, "title", language="fr")
    assert french_title in heading(page)
    screenshot(page, "week-page-fr")

    # The French case study: as written for a French reader, no translation label.
    page.goto(demo_site(case_study.url))
    assert case_study.title in heading(page)
    assert page.locator("article .translation-label").count() == 0
    # In English, machine-translated from French, labelled.
    switch_language(page, "English")
    page.goto(demo_site(case_study.url))
    english_title = translated_text(case_study, "title", language="en")
    assert english_title != case_study.title
    assert english_title in heading(page)
    assert "Machine-translated from French" in page.locator("article").inner_text()
    screenshot(page, "case-study-en")

    # Without JavaScript, the same link asks the server for the originals.
    page.goto(demo_site(case_study.url + "?original=page"))
    assert case_study.title in heading(page)
