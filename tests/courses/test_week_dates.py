"""A course's dates hold its weeks: a week opens and closes within its course, and a
late-posting allowance never ends before its week closes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import CoursePage, Enrollment, Role, WeekPage
from tests.factories import UserFactory, WeekPageFactory

pytestmark = pytest.mark.django_db


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def errors_of(page) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        page.clean()
    return caught.value.message_dict


def test_a_week_cannot_open_before_its_course_starts(course, week):
    week.opens_on = course.start_date - dt.timedelta(days=1)

    assert "opens_on" in errors_of(week)


def test_a_week_cannot_close_after_its_course_ends(course, week):
    week.closes_on = course.end_date + dt.timedelta(days=1)

    assert "closes_on" in errors_of(week)


def test_a_week_on_the_course_s_first_and_last_days_is_valid(course, week):
    week.opens_on, week.closes_on = course.start_date, course.end_date

    week.clean()


@pytest.mark.usefixtures("compiled_catalogs")
def test_the_week_date_error_is_translated(course, week):
    week.closes_on = course.end_date + dt.timedelta(days=1)

    with translation.override("es"):
        message = errors_of(week)["closes_on"][0]

    assert "The week cannot close" not in message
    assert "semana" in message


def test_late_posts_cannot_end_before_the_week_closes(week):
    week.late_posts_until = week.closes_on - dt.timedelta(days=1)

    assert "late_posts_until" in errors_of(week)


def test_late_posts_may_run_past_the_course_s_end(course, week):
    week.late_posts_until = course.end_date + dt.timedelta(days=7)

    week.clean()


def test_a_course_cannot_end_before_it_starts(course):
    course.end_date = course.start_date - dt.timedelta(days=1)

    assert "end_date" in errors_of(course)


def test_moving_the_end_before_a_published_week_names_that_week(course, organizer):
    week = WeekPageFactory(parent=course, title="Financing cooperatives",
                           opens_on=days(20), closes_on=days(26))  # fmt: skip
    week.save_revision(user=organizer).publish(user=organizer)
    course = CoursePage.objects.get(pk=course.pk)
    course.end_date = days(10)

    message = errors_of(course)["end_date"][0]

    assert "Financing cooperatives" in message


def test_moving_the_start_after_a_published_week_names_that_week(course, organizer):
    week = WeekPageFactory(parent=course, title="Opening week", opens_on=days(-10),
                           closes_on=days(-4))  # fmt: skip
    week.save_revision(user=organizer).publish(user=organizer)
    course = CoursePage.objects.get(pk=course.pk)
    course.start_date = days(-5)

    assert "Opening week" in errors_of(course)["start_date"][0]


def test_a_draft_week_outside_the_new_dates_does_not_block_the_course(course):
    WeekPageFactory(parent=course, title="Draft week", opens_on=days(20), closes_on=days(26),
                    live=False)  # fmt: skip
    course = CoursePage.objects.get(pk=course.pk)
    course.end_date = days(10)

    course.clean()


def week_form(**changes) -> dict:
    return nested_form_data(
        {
            "title": "Late week",
            "slug": "late-week",
            "number": 9,
            "theme": "",
            "opens_on": days(30).isoformat(),
            "closes_on": days(36).isoformat(),
            "late_posts_until": "",
            "introduction": rich_text(""),
            "readings": streamfield([]),
            "questions": streamfield([]),
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0,
                         "MAX_NUM_FORMS": 1000},
            **changes,
        }
    )  # fmt: skip


def test_the_admin_refuses_a_new_week_that_closes_after_its_course_ends(client, course, organizer):
    client.force_login(organizer)
    url = reverse("wagtailadmin_pages:add", args=("courses", "weekpage", course.pk))

    response = client.post(url, week_form())

    assert response.status_code == 200  # the form again, with the error on the field
    assert "closes_on" in response.context["form"].errors
    assert not WeekPage.objects.filter(slug="late-week").exists()


def test_the_admin_adds_a_week_with_a_late_posting_date(client, course, organizer):
    client.force_login(organizer)
    url = reverse("wagtailadmin_pages:add", args=("courses", "weekpage", course.pk))

    response = client.post(
        url,
        week_form(opens_on=days(7).isoformat(), closes_on=days(13).isoformat(),
                  late_posts_until=days(20).isoformat()),
    )  # fmt: skip

    assert response.status_code == 302
    assert WeekPage.objects.get(slug="late-week").late_posts_until == days(20)


def test_only_members_who_post_get_an_extension(course):
    enrollment = Enrollment(
        course=course, user=UserFactory(), role=Role.TRANSLATOR, late_until=days(3)
    )

    assert "late_until" in errors_of(enrollment)


def test_applications_cannot_close_after_the_course_starts(course):
    course.application_deadline = course.start_date + dt.timedelta(days=1)

    assert "application_deadline" in errors_of(course)


def test_applications_may_close_on_the_day_the_course_starts(course):
    course.application_deadline = course.start_date

    course.clean()


@pytest.mark.usefixtures("compiled_catalogs")
def test_the_application_deadline_error_names_the_start_in_the_editor_s_language(course):
    course.application_deadline = course.start_date + dt.timedelta(days=1)

    with translation.override("fr"):
        message = errors_of(course)["application_deadline"][0]

    assert "Applications must close" not in message
    assert str(course.start_date.year) in message


def test_the_editor_shows_a_deadline_after_the_start_as_an_error_on_its_field(client, home_page):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    url = reverse("wagtailadmin_pages:add", args=("courses", "coursepage", home_page.pk))
    data = nested_form_data(
        {
            "title": "Foro", "slug": "foro", "summary": "",
            "start_date": days(30).isoformat(), "end_date": days(72).isoformat(),
            "application_deadline": days(31).isoformat(),
            "workload_min_hours": 2, "workload_max_hours": 5, "key_respondent_places": 0,
            "contact_name": "", "contact_email": "",
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0,
                         "MAX_NUM_FORMS": 1000},
        }
    )  # fmt: skip
    data["languages"] = ["es", "fr", "en"]

    response = client.post(url, data)

    assert response.status_code == 200  # the form again, with the error on the field
    assert list(response.context["form"].errors) == ["application_deadline"]
    assert not CoursePage.objects.filter(slug="foro").exists()
