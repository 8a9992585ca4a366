"""The forum's own scripts under the Content-Security-Policy: started from static files, they
run, and Chromium reports no violation while an organizer moderates and writes.

The README's demo cohort on a live server; the organizer also has Wagtail's userbar.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cms.demo import COURSE_SLUG
from courses.models import CoursePage
from forum.discussion import topic_url
from forum.models import QuestionTopic
from tests.browser.helpers import sign_in, watch_policy_violations

pytestmark = pytest.mark.browser


def test_an_organizer_moderates_and_attaches_files_without_a_policy_violation(demo_site, new_page):
    week = CoursePage.objects.get(slug=COURSE_SLUG).current_week
    topic = QuestionTopic.objects.filter(week=week).select_related("topic__forum").first().topic
    page = new_page()
    violations = watch_policy_violations(page)
    sign_in(page, demo_site, "organizer")

    page.goto(demo_site(topic_url(topic.forum, topic)))
    assert page.locator("wagtail-userbar, #wagtail-userbar-template").count() > 0
    page.locator(".moderation-dropdown .dropdown-toggle").first.click()  # Bootstrap's dropdown
    expect(page.locator(".moderation-dropdown .dropdown-menu").first).to_be_visible()

    page.locator("a[href$='/post/create/']").first.click()
    page.locator(".nav-tabs a[href='#attachments']").click()  # Bootstrap's tabs
    page.locator("#add_more_attachment").click()  # machina.attachment.init(), from board.js
    expect(page.locator("#id_attachment-TOTAL_FORMS")).to_have_value("2")

    assert violations == []
