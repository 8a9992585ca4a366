from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import CoursePage, WeekPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_superuser_adds_a_course_with_its_languages_through_the_admin(client, home_page):
    # Organizers write only in the courses they organize; new courses are a superuser's.
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    url = reverse("wagtailadmin_pages:add", args=("courses", "coursepage", home_page.pk))
    data = nested_form_data(
        {
            "title": "Foro Canadá – América Latina",
            "slug": "foro",
            "summary": "",
            "start_date": "2026-03-02",
            "end_date": "2026-04-12",
            "workload_min_hours": 2,
            "workload_max_hours": 5,
            "key_respondent_places": 6,
            "contact_name": "",
            "contact_email": "forum@example.org",
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0,
                         "MAX_NUM_FORMS": 1000},
        }
    )  # fmt: skip
    data["languages"] = ["es", "fr"]  # checkboxes: one value per language

    assert client.get(url).status_code == 200
    response = client.post(url, data)

    assert response.status_code == 302
    assert CoursePage.objects.get(slug="foro").languages == ["es", "fr"]


def test_an_organizer_adds_a_week_with_questions_through_the_admin(client, course, organizer):
    client.force_login(organizer)
    url = reverse("wagtailadmin_pages:add", args=("courses", "weekpage", course.pk))
    data = nested_form_data(
        {
            "title": "Introduction",
            "slug": "introduction",
            "number": 1,
            "theme": "",
            "opens_on": course.start_date.isoformat(),  # a week lies within its course
            "closes_on": (course.start_date + dt.timedelta(days=6)).isoformat(),
            "introduction": rich_text(""),
            "readings": streamfield([]),
            "questions": streamfield(
                [("question", {"text": "Why?", "post_before_seeing_others": "on"})]
            ),
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0,
                         "MAX_NUM_FORMS": 1000},
        }
    )  # fmt: skip

    assert client.get(url).status_code == 200
    response = client.post(url, data)

    assert response.status_code == 302
    question = WeekPage.objects.get(slug="introduction").questions[0]
    assert question.value["text"] == "Why?"
    assert question.value["post_before_seeing_others"] is True


def test_organizers_manage_enrollments_in_the_admin(client, course, organizer):
    client.force_login(organizer)

    response = client.get(reverse("enrollments:index"))

    assert response.status_code == 200
    assert b"organizer" in response.content
