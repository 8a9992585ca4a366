"""Members find their way, as a person clicks: the home page tells a Spanish-speaking visitor
what Puentes is, where the course stands and what to do; the course page says applications
are closed (the demo's deadline has passed); a key respondent reaches their waiting
questions from the header.

The README's demo cohort on a live server, translated by the real worker with Apertium.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from courses.models import CoursePage
from tests.browser.helpers import screenshot, sign_in, switch_language

pytestmark = pytest.mark.browser


def test_an_anonymous_visitor_reads_in_spanish_what_puentes_is_and_what_to_do(demo_site, new_page):
    page = new_page()
    page.goto(demo_site("/"))
    switch_language(page, "Español")

    main = page.locator("main")
    assert "cohorte" in main.locator(".intro").first.inner_text()
    assert re.search(
        r"En curso: semana \d+ de \d+\.", main.locator(".course-state").first.inner_text()
    )
    next_step = main.locator(".next-step")
    assert next_step.get_by_role("link", name="Inicia sesión").is_visible()
    screenshot(page, "find-their-way-home-anonymous-es")


def test_the_course_page_says_applications_are_closed_and_since_when(demo_site, new_page):
    course = CoursePage.objects.live().get()
    page = new_page()
    page.goto(demo_site(course.url))

    closed = page.locator(".applications--closed")
    assert closed.is_visible()
    assert "Applications are closed: the last day to apply was" in closed.inner_text()
    assert page.locator(f'a[href="{reverse("courses:apply", args=[course.pk])}"]').count() == 0
    screenshot(page, "find-their-way-course-applications-closed")


def test_a_key_respondent_reaches_the_waiting_questions_from_the_header(demo_site, new_page):
    page = new_page()
    sign_in(page, demo_site, "respondent-en")
    page.goto(demo_site("/"))

    link = page.locator("header .site-account__questions")
    assert re.fullmatch(r"My questions \(\d+ waiting\)", link.inner_text().strip())
    assert page.locator("header .site-account__name").inner_text() == "Jenna Whitehorse"
    screenshot(page, "find-their-way-header-respondent-en")

    with page.expect_navigation():
        link.click()
    assert page.url.endswith(reverse("my_questions"))
