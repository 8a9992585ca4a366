"""The forum on a phone (390 px wide): topic lists and posts fit the screen, nothing scrolls
sideways. Screenshots at phone and desktop widths go to test-artifacts/screenshots/."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cms.demo import COURSE_SLUG
from courses.models import CoursePage
from forum.discussion import topic_url
from forum.models import QuestionTopic
from tests.browser.helpers import PHONE, screenshot, sign_in

pytestmark = pytest.mark.browser


def sideways_overflow(page) -> dict:
    return page.evaluate(
        """() => {
          const root = document.scrollingElement;
          const wide = [...document.querySelectorAll("body *")]
            .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1)
            .map((e) => e.tagName + "." + e.className).slice(0, 5);
          return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide};
        }"""
    )


def test_the_week_forum_and_a_topic_fit_a_phone_screen(demo_site, new_page):
    course = CoursePage.objects.get(slug=COURSE_SLUG)
    question = (
        QuestionTopic.objects.filter(week=course.current_week)
        .select_related("topic__forum")
        .first()
    )
    assert question is not None, "the demo's current week has a discussion question"
    forum = question.topic.forum
    pages = {
        "phone-week-forum": reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk}),
        "phone-topic": topic_url(forum, question.topic),
    }
    page = new_page(PHONE)
    sign_in(page, demo_site, "participant-en")

    overflowing = {}
    for name, path in pages.items():
        page.goto(demo_site(path))
        page.set_viewport_size(PHONE)
        measure = sideways_overflow(page)
        if measure["scrollWidth"] > measure["clientWidth"]:
            overflowing[name] = measure
        screenshot(page, name)

    assert overflowing == {}
    page.set_viewport_size(PHONE)
    page.goto(demo_site(pages["phone-topic"]))
    # A post reads at a phone's width: its text column takes most of the screen.
    width = page.locator("article.post .post-content").first.bounding_box()["width"]
    assert width >= 0.8 * PHONE["width"] - 48
