"""A participant quotes a post from the topic page: "Quote" opens the reply with the post's
Markdown quoted under its author's name, in the participant's language (Spanish)."""

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


def topic_url_in_week(number: int):
    forum = WeekForum.objects.select_related("forum").get(week__number=number).forum
    topic = Topic.objects.filter(forum=forum).order_by("pk").last()
    return topic, reverse(
        "forum_conversation:topic", args=[forum.slug, forum.pk, topic.slug, topic.pk]
    )


def test_a_participant_quotes_a_post_into_a_reply(demo_site, new_page):
    page = new_page()
    policy_violations = watch_policy_violations(page)
    sign_in(page, demo_site, "participant-es")
    topic, url = topic_url_in_week(3)
    page.goto(demo_site(url))
    quote = page.locator("[data-quote-post]").first
    expect(quote).to_contain_text("Citar")
    screenshot(page, "quote-links-es")

    quote.click()

    message = page.locator("textarea[name=content]")
    expect(message).to_have_value(re.compile(r"^> \*\*[^*]+\*\* escribió:\n> "))
    first_line = str(topic.first_post.content.raw).strip().splitlines()[0]
    assert f"> {first_line}".rstrip() in message.input_value()
    screenshot(page, "quote-reply-es")
    assert policy_violations == []
