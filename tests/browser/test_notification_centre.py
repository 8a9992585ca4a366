"""A member sees their unread notices in the header, opens the centre, reads a Spanish reply
in English with its label, clicks through to the exact post, and the count drops.

The README's demo cohort on a live server, translated by the real worker with Apertium.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model

from notifications.models import Event, Notice
from tests.browser.helpers import (
    describe,
    screenshot,
    serious_accessibility_violations,
    sign_in,
)
from translations.models import PostLanguage

pytestmark = pytest.mark.browser


def test_a_member_opens_a_notice_from_the_header_and_lands_on_the_post(demo_site, new_page):
    User = get_user_model()
    reader = User.objects.get(username="participant-en")
    author = User.objects.get(username="participant-es")
    post = (
        PostLanguage.objects.filter(post__poster=author, language="es")
        .select_related("post")
        .order_by("post_id")
        .first()
        .post
    )
    Notice.objects.filter(recipient=reader).delete()
    notice = Notice.objects.create(recipient=reader, event=Event.REPLY, actor=author, post=post)

    page = new_page()
    sign_in(page, demo_site, "participant-en")
    page.goto(demo_site("/"))
    link = page.locator("header .site-account__notices")
    assert link.locator("[data-unread-count]").get_attribute("data-unread-count") == "1"
    # Seen "Notifications (1)", heard "Notifications (1 unread)".
    named = page.get_by_role("link", name=re.compile(r"^Notifications \(1 unread\s*\)$"))
    assert named.count() == 1, link.aria_snapshot()
    assert link.get_attribute("href") == "/notifications/"

    with page.expect_navigation():
        link.click()
    item = page.locator(f'[data-notice="{notice.pk}"]')
    assert "notification--unread" in (item.get_attribute("class") or "")
    assert "replied to your post" in item.inner_text()
    assert "Machine-translated from Spanish" in item.inner_text()
    assert serious_accessibility_violations(page) == [], describe(
        serious_accessibility_violations(page)
    )
    screenshot(page, "notification-centre-en")

    with page.expect_navigation():
        item.get_by_role("link").first.click()
    assert f"?post={post.pk}" in page.url
    assert page.url.endswith(f"#{post.pk}")
    assert page.locator("header .site-account__notices").inner_text().strip() == "Notifications"
    notice.refresh_from_db()
    assert notice.read_at is not None

    # The preferences, reached from the centre.
    page.goto(demo_site("/notifications/"))
    with page.expect_navigation():
        page.get_by_role("link", name="Notification preferences").click()
    assert page.get_by_role("group", name="Emails", exact=True).is_visible()
    assert page.get_by_label("Your time zone").is_visible()
    assert page.get_by_role("group", name="Forums of your courses").is_visible()
    assert serious_accessibility_violations(page) == [], describe(
        serious_accessibility_violations(page)
    )
    screenshot(page, "notification-preferences-en")
