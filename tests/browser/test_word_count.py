"""A participant sees the words of their reply counted against the week's suggested length
and limit while typing (static/js/editor.js), told in words when they pass the limit, and a
post over the limit is refused by the server with its text kept. In Spanish, the
participant's language; the demo's weeks suggest 300 words and allow 1,000."""

from __future__ import annotations

import pytest
from django.urls import reverse
from machina.core.db.models import get_model
from playwright.sync_api import expect

from cms.demo.course import DEMO_WORD_LIMIT
from forum.models import WeekForum
from tests.browser.helpers import screenshot, sign_in, watch_policy_violations

pytestmark = pytest.mark.browser

Topic = get_model("forum_conversation", "Topic")
Post = get_model("forum_conversation", "Post")

OVER = "Por encima del límite de esta semana: acorta tu mensaje antes de publicarlo."


def reply_url_in_week(number: int) -> str:
    forum = WeekForum.objects.select_related("forum").get(week__number=number).forum
    topic = Topic.objects.filter(forum=forum).order_by("pk").last()
    return reverse(
        "forum_conversation:post_create", args=[forum.slug, forum.pk, topic.slug, topic.pk]
    )


def test_the_editor_counts_words_against_the_weeks_target_and_limit(demo_site, new_page):
    page = new_page()
    policy_violations = watch_policy_violations(page)
    sign_in(page, demo_site, "participant-es")
    page.goto(demo_site(reply_url_in_week(3)))
    message = page.locator("textarea[name=content]")
    counter = page.locator("[data-post-word-count]")
    expect(counter).to_contain_text("0 palabras")
    expect(counter).to_contain_text("objetivo 300")
    expect(counter).to_contain_text("límite 1\u00a0000")

    # Markdown's marks are no words.
    message.press_sequentially("# El **crédit** solidario > ")
    expect(counter.locator("[data-word-count-value]")).to_have_text("3 palabras")
    expect(counter.locator("[data-word-count-over]")).to_have_text("")
    screenshot(page, "word-count-es")

    message.fill(" ".join(["palabra"] * (DEMO_WORD_LIMIT + 1)))
    expect(counter.locator("[data-word-count-value]")).to_have_text("1001 palabras")
    over = counter.locator("[data-word-count-over]")
    expect(over).to_have_text(OVER)
    expect(over).to_have_attribute("aria-live", "polite")
    described_by = message.get_attribute("aria-describedby") or ""
    assert counter.get_attribute("id") in described_by.split()
    screenshot(page, "word-count-over-limit-es")

    # The server refuses it, in Spanish, next to the message, and keeps the text.
    page.locator("form.form [type=submit]:not([name=preview])").click()
    expect(page.get_by_text("Tu mensaje tiene 1\u00a0001 palabras")).to_be_visible()
    expect(page.locator("textarea[name=content]")).to_have_value(
        " ".join(["palabra"] * (DEMO_WORD_LIMIT + 1))
    )
    expect(page.locator("[data-word-count-over]")).to_have_text(OVER)
    screenshot(page, "word-count-refused-es")
    assert not Post.objects.filter(content__startswith="palabra palabra").exists()

    # Back under the limit, the warning goes and the post goes through.
    page.locator("textarea[name=content]").fill("Una respuesta breve.")
    expect(page.locator("[data-word-count-over]")).to_have_text("")
    page.locator("form.form [type=submit]:not([name=preview])").click()
    expect(page.get_by_text("Una respuesta breve.")).to_be_visible()

    assert policy_violations == []
