"""The organizer (reading French) harvests a passage by selecting it on the topic page:
a selection in the machine translation points to the original; in the original (shown in
place with "Show original") it opens the harvest form with the selection, and the post
is marked harvested afterwards. No script breaks the Content-Security-Policy."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from forum.models import QuestionTopic
from proceedings.models import Passage
from tests.browser.helpers import screenshot, sign_in, watch_policy_violations

pytestmark = pytest.mark.browser

SELECTED = "looks a lot like what I read about"

# Selects `words` inside the first text node under `selector` that holds them, as a mouse
# would, then lets go of the button.
SELECT = """([selector, words]) => {
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const index = node.textContent.indexOf(words);
    if (index < 0) continue;
    const range = document.createRange();
    range.setStart(node, index);
    range.setEnd(node, index + words.length);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    node.parentElement.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
    return true;
  }
  return false;
}"""

FIRST_WORDS = """(selector) => {
  const root = document.querySelector(selector);
  return root.textContent.trim().split(/\\s+/).slice(0, 3).join(" ");
}"""


def test_the_organizer_harvests_a_selected_passage_from_the_original(demo_site, new_page):
    topic = QuestionTopic.objects.get(week__number=3, position=1).topic
    post = topic.posts.get(poster__username="participant-en")
    forum = topic.forum
    url = reverse("forum_conversation:topic", args=[forum.slug, forum.pk, topic.slug, topic.pk])
    page = new_page()
    policy_violations = watch_policy_violations(page)
    sign_in(page, demo_site, "organizer")
    page.goto(demo_site(url))
    article = f'article[id="{post.pk}"]'
    translation = f'{article} [data-post-content] [data-version="translation"]'
    expect(page.locator(translation)).to_be_visible()

    words = page.evaluate(FIRST_WORDS, translation)
    assert page.evaluate(SELECT, [translation, words])
    offer = page.locator(f"{article} [data-harvest-selection] a")
    expect(offer).to_have_text("Récolter dans l'original")

    page.locator(f"{article} [data-toggle-original]").click()
    original = f'{article} [data-post-content] [data-version="original"]'
    expect(page.locator(original)).to_be_visible()
    assert page.evaluate(SELECT, [original, SELECTED])
    expect(offer).to_have_text("Récolter ce passage")
    screenshot(page, "harvest-selection-fr")
    with page.expect_navigation():
        offer.click()

    expect(page.locator("textarea[name=text]")).to_have_value(SELECTED)
    page.locator("input[name=themes]").first.check()
    with page.expect_navigation():
        page.locator("form.harvest-form [type=submit]").click()

    expect(page.locator(f"{article} [data-harvested]")).to_be_visible()
    passage = Passage.objects.get(post=post)
    assert (passage.text, passage.language) == (SELECTED, "en")
    assert policy_violations == []
