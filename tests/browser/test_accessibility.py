"""The main pages in each interface language: no serious or critical axe-core violation.

Each page is also saved as a screenshot at phone and desktop widths (test-artifacts/).
"""

from __future__ import annotations

import pytest

from cms.demo import COURSE_SLUG
from courses.models import CaseStudyPage, CoursePage
from forum.discussion import topic_url
from forum.models import QuestionTopic
from tests.browser.helpers import (
    describe,
    screenshot,
    serious_accessibility_violations,
    sign_in,
    switch_language,
    watch_policy_violations,
)

pytestmark = pytest.mark.browser


def main_pages() -> dict[str, str]:
    course = CoursePage.objects.get(slug=COURSE_SLUG)
    week = course.current_week
    question = QuestionTopic.objects.filter(week=week).select_related("topic__forum").first()
    case_study = CaseStudyPage.objects.live().descendant_of(course).first()
    return {
        "home": "/",
        "course": course.url,
        "week": week.url,
        "topic": topic_url(question.topic.forum, question.topic),
        "case-study": case_study.url,
        "this-week": "/this-week/",
        "forum": "/forum/",
    }


@pytest.mark.parametrize(
    ("language", "name"), [("es", "Español"), ("fr", "Français"), ("en", "English")]
)
def test_the_main_pages_have_no_serious_or_critical_accessibility_violation(
    demo_site, new_page, language, name
):
    page = new_page()
    policy_violations = watch_policy_violations(page)
    sign_in(page, demo_site, "participant-en")
    switch_language(page, name)
    assert page.locator("html").get_attribute("lang") == language

    found = {}
    for page_name, path in main_pages().items():
        page.goto(demo_site(path))
        assert page.locator("html").get_attribute("lang") == language
        screenshot(page, f"{page_name}-{language}")
        violations = serious_accessibility_violations(page)
        if violations:
            found[page_name] = violations

    assert not found, describe(found)
    # Every script ran from a file: the Content-Security-Policy refused nothing.
    assert policy_violations == []


def test_a_visitor_sees_the_public_pages_without_serious_violations(demo_site, new_page):
    page = new_page()
    found = {}
    for page_name in ("home", "course", "week", "case-study"):
        page.goto(demo_site(main_pages()[page_name]))
        violations = serious_accessibility_violations(page)
        if violations:
            found[page_name] = violations

    assert not found, describe(found)
