"""A participant writes a reply with the post editor (static/js/editor.js): the toolbar
formats the selected words, @ and a few letters offer course members, and the Preview tab
shows the post as the server renders it. In French, the participant's language.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from machina.core.db.models import get_model
from playwright.sync_api import expect

from forum.models import WeekForum
from tests.browser.helpers import screenshot, sign_in, watch_policy_violations

pytestmark = pytest.mark.browser

Topic = get_model("forum_conversation", "Topic")


def reply_url_in_week(number: int) -> str:
    forum = WeekForum.objects.select_related("forum").get(week__number=number).forum
    topic = Topic.objects.filter(forum=forum).order_by("pk").last()
    return reverse(
        "forum_conversation:post_create", args=[forum.slug, forum.pk, topic.slug, topic.pk]
    )


def test_a_participant_formats_mentions_and_previews_a_reply(demo_site, new_page):
    page = new_page()
    policy_violations = watch_policy_violations(page)
    sign_in(page, demo_site, "participant-fr")
    page.goto(demo_site(reply_url_in_week(3)))
    message = page.locator("textarea[name=content]")
    message.fill("Le crédit solidaire")

    # The toolbar's "Bold" (in French) wraps the selected word.
    message.evaluate("(area) => { area.focus(); area.setSelectionRange(3, 9); }")
    toolbar = page.get_by_role("toolbar", name="Mise en forme")
    toolbar.get_by_role("button", name="Gras").click()
    expect(message).to_have_value("Le **crédit** solidaire")

    # @ and letters: course members; the arrow keys and Enter choose one.
    message.evaluate("(area) => area.setSelectionRange(area.value.length, area.value.length)")
    message.press_sequentially(" avec @An")
    suggestions = page.get_by_role("listbox", name="Membres du cours")
    expect(suggestions.get_by_role("option")).to_have_count(1)
    expect(suggestions).to_contain_text("Ana Morales")
    screenshot(page, "post-editor-mentions-fr")
    message.press("ArrowDown")
    message.press("Enter")
    expect(message).to_have_value("Le **crédit** solidaire avec @participant-es ")
    expect(suggestions).to_be_hidden()

    # The Preview tab: the server's rendering, in place of the text area.
    page.get_by_role("tab", name="Aperçu").click()
    panel = page.get_by_role("tabpanel")
    expect(panel.locator("strong")).to_have_text("crédit")
    expect(panel).to_contain_text(re.compile(r"avec @participant-es"))
    expect(message).to_be_hidden()
    screenshot(page, "post-editor-preview-fr")
    page.get_by_role("tab", name="Écrire").click()
    expect(message).to_be_visible()

    assert policy_violations == []
