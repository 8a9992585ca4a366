"""A translator corrects a translation beside the post, without leaving or reloading the page.

The README's demo cohort on a live server, its posts translated by the real worker with
Apertium; the translator (Diego, who reads Spanish) works in the topic page.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from forum.discussion import topic_url
from tests.browser.helpers import (
    screenshot,
    serious_accessibility_violations,
    sign_in,
    watch_policy_violations,
)
from translations.models import PostTranslation, TranslationRevision

pytestmark = pytest.mark.browser

CORRECTION = "Las cooperativas necesitan **crédito** <script>window.injected = 1</script> estable."


def a_machine_translation_into_spanish() -> PostTranslation:
    return (
        PostTranslation.objects.filter(
            language="es",
            status=PostTranslation.Status.DONE,
            reviewed_at__isnull=True,
            source_language="fr",
        )
        .select_related("post__topic__forum")
        .order_by("pk")
        .first()
    )


def test_a_translator_corrects_a_translation_in_place_and_keeps_their_text_on_an_error(
    demo_site, new_page
):
    translation = a_machine_translation_into_spanish()
    post_id = translation.post.pk
    topic = translation.post.topic
    page = new_page()
    policy_violations = watch_policy_violations(page)
    sign_in(page, demo_site, "translator")
    page.goto(demo_site(f"{topic_url(topic.forum, topic)}#{post_id}"))
    page.evaluate("window.sameDocument = true")
    post = page.locator(f"article[id='{post_id}']")

    post.locator("[data-translation-edit]").click()
    editor = post.locator("[data-translation-editor]")
    content = editor.locator("textarea[name=content]")
    expect(content).to_have_value(translation.content)  # loaded as JSON, form shown
    assert serious_accessibility_violations(page) == []
    content.fill(CORRECTION)

    # The server is out of reach: a clear message, and the text stays.
    page.route(
        lambda url: "/edit/" in url,
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    editor.locator("[type=submit]").click()
    status = editor.locator("[data-translation-editor-status]")
    expect(status).to_contain_text("No se pudo contactar con el servidor")
    expect(content).to_have_value(CORRECTION)
    screenshot(page, "inline-translation-editor-error")

    page.unroute_all()
    editor.locator("[type=submit]").click()
    expect(status).to_have_text("Traducción guardada y marcada como revisada.")

    shown = post.locator('[data-post-content] [data-version="translation"]')
    assert shown.locator("strong").inner_text() == "crédito"
    assert "revisada por un traductor" in post.locator(".translation-label").inner_text()
    assert post.locator(".translation-label--reviewed").count() == 1
    assert content.count() == 0  # the editor closed
    assert page.evaluate("window.sameDocument") is True  # no reload
    assert page.evaluate("window.injected") is None  # the script was sanitised away
    screenshot(page, "inline-translation-editor-saved")
    translation.refresh_from_db()
    assert translation.reviewed_by.username == "translator"
    assert TranslationRevision.objects.filter(translation=translation, kind="human").count() == 1
    assert policy_violations == []  # the editor's script is a file, its requests same-origin
