"""Our own admin screens say what they are, in the organizer's language; their filters show,
their weeks come in course order, and each course's review has a readable name."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Workflow

from courses.editorial import course_review_workflow, review_label
from courses.enrollment_admin import course_weeks
from courses.models import CoursePage
from members.profiles import get_profile
from tests.factories import WeekPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def french_organizer(client, organizer, compiled_catalogs):
    profile = get_profile(organizer)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(organizer)
    return organizer


def visible_heading(html: str) -> str:
    """The breadcrumbs' last item: what Wagtail's slim header shows as the screen's title."""
    crumbs = html.split('class="w-breadcrumbs', 1)[1].split("</nav>", 1)[0]
    items = re.findall(r"<li\b[^>]*>(.*?)</li>", crumbs, re.S)
    labels = [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]
    return [label for label in labels if label][-1]


def title(html: str) -> str:
    return " ".join(html.split("<title>", 1)[1].split("</title>", 1)[0].split())


@pytest.mark.parametrize(
    ("url_name", "expected"),
    [
        ("course_applications", "Candidatures"),
        ("participation_index", "Participation"),
        ("failed_translations", "Traductions en échec"),
    ],
)
def test_an_admin_screen_is_titled_by_what_it_is(client, french_organizer, url_name, expected):
    html = client.get(reverse(url_name)).content.decode()

    assert title(html).startswith(expected)
    assert visible_heading(html) == expected  # not "Accueil"


def test_a_courses_participation_is_titled_by_its_course(client, french_organizer, course):
    html = client.get(reverse("course_participation", args=[course.pk])).content.decode()

    assert title(html).startswith(f"Participation: {course.title}")
    assert visible_heading(html) == course.title
    assert f'href="{reverse("participation_index")}"' in html  # back to the list of courses


def test_the_region_filter_is_a_search_field(client, french_organizer, course):
    html = client.get(reverse("course_participation", args=[course.pk])).content.decode()

    assert re.search(r'<input type="search" id="filter-region"', html)


def test_the_participation_matrix_scrolls_in_its_own_box(client, french_organizer, course):
    html = client.get(reverse("course_participation", args=[course.pk])).content.decode()

    assert re.search(
        r'<div class="admin-table-scroll"[^>]*>\s*<table class="listing participation-matrix"', html
    )
    assert "css/admin.css" in html


def test_enrollment_forms_list_a_courses_weeks_in_course_order(course):
    later = WeekPageFactory(parent=course, number=2)
    earlier = WeekPageFactory(parent=course, number=1)  # made after week 2

    weeks = list(course_weeks(CoursePage.objects.filter(pk=course.pk)))

    assert weeks == [earlier, later]


def test_the_applications_week_choices_come_in_course_order(client, french_organizer, course):
    WeekPageFactory(parent=course, number=2, title="Semaine deux")
    WeekPageFactory(parent=course, number=1, title="Semaine un")

    response = client.get(reverse("course_applications"))

    weeks = [week.title for week in response.context["weeks"]]
    assert weeks.index("Semaine un") < weeks.index("Semaine deux")


def test_a_courses_review_is_named_by_the_course_without_an_id(course):
    workflow = course_review_workflow(course)

    assert workflow.name == f"Case study review: {course.title}"


def test_a_review_named_the_former_way_is_renamed_and_kept(course):
    first = course_review_workflow(course)
    first.name = f"Case study review of {course.title} (course {course.pk})"
    first.save()

    again = course_review_workflow(course)

    assert again.pk == first.pk
    assert Workflow.objects.get(pk=first.pk).name == f"Case study review: {course.title}"


def test_a_review_name_is_shown_in_the_readers_language(course):
    workflow = course_review_workflow(course)

    with translation.override("fr"):
        label = review_label(workflow.name)

    assert label == f"Relecture des études de cas : {course.title}"


def test_the_submit_button_names_the_review_in_the_readers_language(
    client, french_organizer, course
):
    course_review_workflow(course)

    html = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()

    assert f"Soumettre à Relecture des études de cas : {course.title}" in html
