"""The main pages in each interface language: no moderate, serious or critical axe-core
violation, and a focus ring on every kind of control a keyboard reaches.

Each page is also saved as a screenshot at phone and desktop widths (test-artifacts/).
One browser context per language: its pages are visited in one go.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from cms.demo import COURSE_SLUG
from courses.models import CaseStudyPage, CoursePage, WeekPage
from forum.discussion import topic_url
from forum.models import QuestionTopic
from tests.browser.helpers import (
    accessibility_violations,
    describe,
    screenshot,
    serious_accessibility_violations,
    sign_in,
    switch_language,
    watch_policy_violations,
)

pytestmark = pytest.mark.browser

LANGUAGES = [("es", "Español"), ("fr", "Français"), ("en", "English")]


def main_pages() -> dict[str, str]:
    course = CoursePage.objects.get(slug=COURSE_SLUG)
    week = course.weeks().get(number=3)
    question = (
        QuestionTopic.objects.filter(week=course.current_week)
        .select_related("topic__forum")
        .first()
    )
    assert question is not None, "the demo's current week has a discussion question"
    forum = question.topic.forum
    case_study = CaseStudyPage.objects.live().descendant_of(course).first()
    return {
        "home": "/",
        "course": course.url,
        "week": week.url,
        "case-study": case_study.url,
        "forum": "/forum/",
        "week-forum": reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk}),
        "topic": topic_url(forum, question.topic),
        "this-week": "/this-week/",
        "my-progress": "/forum/my/progress/",
    }


def focus_ring(page, selector: str) -> dict:
    """Tab (as a keyboard user) until `selector` has the focus; its computed outline and
    box-shadow then."""
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return page.evaluate(
                """() => {
                  const style = getComputedStyle(document.activeElement);
                  return {element: document.activeElement.outerHTML.slice(0, 120),
                          outline: style.outlineStyle, outlineWidth: style.outlineWidth,
                          shadow: style.boxShadow};
                }"""
            )
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def has_ring(style: dict) -> bool:
    """The site's ring: an outline of at least 2 px, with or without a shadow around it
    (Bootstrap's faint `.btn:focus` shadow alone is not enough to see)."""
    width = float(style["outlineWidth"].removesuffix("px") or 0)
    return style["outline"] != "none" and width >= 2


@pytest.mark.parametrize(("language", "name"), LANGUAGES)
def test_the_main_pages_have_no_moderate_or_worse_accessibility_violation(
    demo_site, new_page, language, name
):
    page = new_page()
    policy_violations = watch_policy_violations(page)
    found = {}

    page.goto(demo_site(resolve_url(settings.LOGIN_URL)))
    switch_language(page, name)
    assert page.locator("html").get_attribute("lang") == language
    screenshot(page, f"sign-in-{language}")
    if violations := accessibility_violations(page):
        found["sign-in"] = violations

    sign_in(page, demo_site, "participant-en")
    switch_language(page, name)
    for page_name, path in main_pages().items():
        page.goto(demo_site(path))
        assert page.locator("html").get_attribute("lang") == language, page_name
        screenshot(page, f"{page_name}-{language}")
        if violations := accessibility_violations(page):
            found[page_name] = violations

    assert not found, describe(found)
    # Every script ran from a file: the Content-Security-Policy refused nothing.
    assert policy_violations == []


def test_a_visitor_sees_the_public_pages_without_serious_violations(demo_site, new_page):
    page = new_page()
    found = {}
    pages = main_pages()
    for page_name in ("home", "course", "week", "case-study"):
        page.goto(demo_site(pages[page_name]))
        violations = serious_accessibility_violations(page)
        if violations:
            found[page_name] = violations

    assert not found, describe(found)


def test_inputs_and_buttons_show_a_focus_ring_when_tabbed_to(demo_site, new_page):
    page = new_page()
    page.goto(demo_site(resolve_url(settings.LOGIN_URL)))
    rings = {
        "sign-in input": focus_ring(page, "main input[type=password]"),
        "sign-in button": focus_ring(page, "main [type=submit]"),
    }
    sign_in(page, demo_site, "participant-en")
    page.goto(demo_site("/forum/"))
    rings["forum search input"] = focus_ring(page, "#board-search-q")
    rings["forum search button"] = focus_ring(page, ".board-search button")
    page.goto(demo_site(main_pages()["week-forum"]))
    rings["forum button"] = focus_ring(page, ".board a.btn, .board button.btn")

    assert [label for label, style in rings.items() if not has_ring(style)] == [], describe(rings)


def forum_pages_by_role() -> dict[str, dict[str, str]]:
    """machina's own views, which the main pages do not reach: a member's post list and
    profile, the moderation queue, a topic with the moderators' menu, machina's
    confirmation pages, and a translator's editor for a page text."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from machina.core.db.models import get_model

    from translations.models import TextTranslation

    users = get_user_model().objects
    participant = users.get(username="participant-es")
    question = QuestionTopic.objects.select_related("topic__forum").first()
    assert question is not None
    topic, forum = question.topic, question.topic.forum
    week = CoursePage.objects.get(slug=COURSE_SLUG).weeks().get(number=3)
    text = TextTranslation.objects.filter(
        source__content_type=ContentType.objects.get_for_model(WeekPage),
        source__object_id=week.pk,
        status=TextTranslation.Status.DONE,
    ).first()
    assert text is not None, "the demo's week page texts are translated"
    assert get_model("forum_conversation", "Post").objects.filter(poster=participant).exists()
    return {
        "organizer": {
            "member-posts": reverse("forum_member:user_posts", args=[participant.pk]),
            "member-profile": reverse("forum_member:profile", args=[participant.pk]),
            "moderation-queue": reverse("forum_moderation:queue"),
            "topic-moderated": topic_url(forum, topic),
            "lock-topic": reverse(
                "forum_moderation:topic_lock", kwargs={"slug": topic.slug, "pk": topic.pk}
            ),
            "mark-forums-read": reverse("forum_tracking:mark_all_forums_read"),
        },
        "translator": {
            "page-text-editor": reverse("text_translation_edit", args=[text.pk]),
        },
    }


def test_the_forums_own_pages_have_no_serious_violation_for_organizers_and_translators(
    demo_site, new_page
):
    found = {}
    for username, pages in forum_pages_by_role().items():
        page = new_page()
        sign_in(page, demo_site, username)
        for page_name, path in pages.items():
            response = page.goto(demo_site(path))
            assert response is not None, (page_name, path)
            assert response.status == 200, (page_name, path)
            # The Wagtail userbar (its own markup) aside, as on the main pages.
            violations = [
                violation
                for violation in serious_accessibility_violations(page)
                if not all("userbar" in node for node in violation["nodes"])
            ]
            if violations:
                found[f"{username}: {page_name}"] = violations
    assert not found, describe(found)
