"""A translator corrects the translation of a page's text (a week's title) in place, as they
do a post's: the "Edit" control beside the text opens an editor under it, with the original
for reference; saving shows the text the server rendered, without a reload, and the page
keeps it.

The README's demo cohort on a live server, its texts translated by the real worker with
Apertium; the translator (Diego, who reads Spanish) works on the week page.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext, override
from playwright.sync_api import expect

from courses.models import WeekPage
from forum.text_review import field_label
from tests.browser.helpers import (
    screenshot,
    serious_accessibility_violations,
    sign_in,
    watch_policy_violations,
)
from translations.models import TextTranslation, TextTranslationRevision

pytestmark = pytest.mark.browser

# Shown as written: a title is plain text, its markup escaped by the server.
CORRECTION = "Investigación sobre la economía social en Canadá <script>window.injected = 1</script>"


def spanish_title(week: WeekPage) -> TextTranslation:
    return TextTranslation.objects.select_related("source").get(
        source__content_type=ContentType.objects.get_for_model(week),
        source__object_id=week.pk,
        source__field="title",
        language="es",
    )


def test_a_translator_corrects_a_week_title_in_place_and_the_page_keeps_it_reviewed(
    demo_site, new_page
):
    week = WeekPage.objects.get(number=3)
    translation = spanish_title(week)
    assert translation.reviewed_at is None  # the machine's
    with override("es"):
        names = {"text": field_label(week, "title")}
        control_name = gettext("Edit translation: %(text)s") % names
        reviewed_name = gettext("Edit translation: %(text)s (reviewed by a translator)") % names
    page = new_page()
    policy_violations = watch_policy_violations(page)
    sign_in(page, demo_site, "translator")
    page.goto(demo_site(week.url))
    page.evaluate("window.sameDocument = true")
    heading = page.locator("#week-title")
    shown = heading.locator('[data-version="translation"]')
    expect(shown).to_have_text(translation.text)
    expect(page.get_by_role("link", name=control_name, exact=True)).to_be_visible()
    control = heading.locator("[data-text-edit]")

    # Opened and closed again with Escape: the focus goes back to the control.
    control.click()
    editor = page.locator("[data-text-translation-editor]")
    textarea = editor.locator("textarea[name=text]")
    expect(textarea).to_have_value(translation.text)  # loaded as JSON, form shown
    textarea.press("Escape")
    expect(editor).to_have_count(0)
    expect(control).to_be_focused()

    control.click()
    expect(textarea).to_have_value(translation.text)
    expect(textarea).to_be_focused()
    expect(editor.locator("[data-text-editor-original]")).to_have_text(week.title)
    expect(editor.locator("[data-text-editor-original-heading]")).to_have_text("Original en inglés")
    assert serious_accessibility_violations(page) == []
    screenshot(page, "page-text-editor-open")
    textarea.fill(CORRECTION)

    # The server is out of reach: a clear message, and the text stays.
    page.route(
        lambda url: "/edit/" in url,
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    editor.locator("[type=submit]").click()
    status = editor.locator("[data-text-editor-status]")
    expect(status).to_contain_text("No se pudo contactar con el servidor")
    expect(textarea).to_have_value(CORRECTION)

    page.unroute_all()
    editor.locator("[type=submit]").click()
    expect(status).to_have_text("Traducción guardada y marcada como revisada.")
    expect(shown).to_have_text(CORRECTION)  # escaped by the server, inserted as it is
    expect(textarea).to_have_count(0)  # the editor closed, its message stays
    expect(control).to_be_focused()
    expect(control).to_have_class(re.compile(r"\btext-edit--reviewed\b"))
    expect(control).to_have_attribute("aria-label", reviewed_name)
    assert page.evaluate("window.sameDocument") is True  # no reload
    assert page.evaluate("window.injected") is None
    screenshot(page, "page-text-editor-saved")

    # Reloaded: the translator's text, labelled reviewed by a translator.
    page.reload()
    expect(shown).to_have_text(CORRECTION)
    expect(page.get_by_role("link", name=reviewed_name, exact=True)).to_be_visible()
    translation.refresh_from_db()
    assert translation.reviewed_by is not None
    assert translation.reviewed_by.username == "translator"
    assert (
        TextTranslationRevision.objects.filter(translation=translation, kind="human").count() == 1
    )
    assert policy_violations == []  # the editor's script is a file, its requests same-origin
