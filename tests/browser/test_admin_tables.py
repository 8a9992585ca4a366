"""The participation matrix on a phone: the table scrolls in its own box, so every week's
column is reached; at a desktop's width it fits. In Chromium, as the demo's organizer."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.identity import source_course
from courses.models import Enrollment, Role
from tests.browser.helpers import DESKTOP, PHONE, screenshot, sign_in

pytestmark = pytest.mark.browser


def organizer_and_course() -> tuple[str, int]:
    enrollment = (
        Enrollment.objects.filter(role=Role.ORGANIZER, user__is_superuser=False)
        .select_related("user", "course")
        .first()
    )
    assert enrollment is not None, "the demo has an organizer"
    return enrollment.user.username, source_course(enrollment.course).pk


def test_the_participation_matrix_scrolls_to_its_last_week_on_a_phone(demo_site, new_page):
    username, course_id = organizer_and_course()
    page = new_page(PHONE)
    sign_in(page, demo_site, username)

    page.goto(demo_site(reverse("course_participation", args=[course_id])))

    box = page.locator(".admin-table-scroll").filter(has=page.locator(".participation-matrix"))
    assert box.evaluate("el => getComputedStyle(el).overflowX") == "auto"
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")
    last_week = page.locator(".participation-matrix thead th").last
    last_week.scroll_into_view_if_needed()
    assert box.evaluate("el => el.scrollLeft") > 0
    assert last_week.is_visible()
    inside = box.bounding_box()
    column = last_week.bounding_box()
    assert inside is not None
    assert column is not None
    assert inside["x"] <= column["x"]
    assert column["x"] + column["width"] <= inside["x"] + inside["width"] + 1
    # The page itself keeps the phone's width: only the box scrolls.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "admin-participation-matrix")


def test_the_participation_matrix_fits_a_desktop(demo_site, new_page):
    username, course_id = organizer_and_course()
    page = new_page(DESKTOP)
    sign_in(page, demo_site, username)

    page.goto(demo_site(reverse("course_participation", args=[course_id])))

    box = page.locator(".admin-table-scroll").filter(has=page.locator(".participation-matrix"))
    widths = box.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert widths[0] <= widths[1], f"the matrix is {widths[0]} px wide in a {widths[1]} px box"
    region = page.locator("#filter-region")
    assert region.get_attribute("type") == "search"
    assert region.is_visible()
    assert region.bounding_box()["width"] > 50
