"""The home page tells a visitor what Puentes is, where each course stands, and what to do next."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from courses.enrollment import enroll
from courses.models import Role
from tests.factories import CoursePageFactory, UserFactory, WeekPageFactory

pytestmark = pytest.mark.django_db


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def shown(d: dt.date) -> str:
    with translation.override("en"):
        return date_format(d, "DATE_FORMAT")


def home(client) -> str:
    return client.get("/").content.decode()


def test_an_empty_intro_is_replaced_by_a_paragraph_saying_what_puentes_is(client, home_page):
    assert not home_page.intro

    assert "reads every post in their own language" in home(client)


@pytest.mark.usefixtures("compiled_catalogs")
def test_the_paragraph_about_puentes_is_in_the_visitors_language(client, home_page):
    client.cookies["django_language"] = "es"

    html = home(client)

    assert 'lang="es"' in html
    assert "reads every post in their own language" not in html
    assert "cohorte" in html


def test_an_anonymous_visitor_is_told_to_sign_in_or_create_an_account(client, home_page):
    html = home(client)

    assert 'class="next-step"' in html
    assert "/accounts/signup/" in html


def test_a_course_taking_applications_says_until_when_and_offers_to_apply(client, home_page):
    course = CoursePageFactory(
        parent=home_page, start_date=days(20), end_date=days(60), application_deadline=days(10)
    )

    html = home(client)

    assert f"Applications open until {shown(days(10))}." in html
    assert f"Starts on {shown(days(20))}." in html
    apply_url = reverse("courses:apply", args=[course.pk])
    assert f'?next={quote(apply_url)}">Sign in to apply</a>' in html


def test_a_course_whose_applications_closed_before_it_starts_says_so(client, home_page):
    CoursePageFactory(
        parent=home_page, start_date=days(20), end_date=days(60), application_deadline=days(-1)
    )

    html = home(client)

    assert "Applications are closed." in html
    assert "Sign in to apply" not in html


def test_a_running_course_says_which_week_of_how_many(client, home_page):
    course = CoursePageFactory(parent=home_page, start_date=days(-10), end_date=days(30))
    WeekPageFactory(parent=course, number=1, opens_on=days(-10), closes_on=days(-4))
    WeekPageFactory(parent=course, number=2, opens_on=days(-3), closes_on=days(3))
    WeekPageFactory(parent=course, number=3, opens_on=days(4), closes_on=days(10))

    assert "Running: week 2 of 3." in home(client)


def test_a_finished_course_says_it_finished(client, home_page):
    CoursePageFactory(parent=home_page, start_date=days(-60), end_date=days(-5))

    assert f"Finished on {shown(days(-5))}." in home(client)


def test_a_member_of_a_running_course_is_sent_to_this_week(client, home_page):
    course = CoursePageFactory(parent=home_page, start_date=days(-10), end_date=days(30))
    member = UserFactory()
    enroll(course=course, user=member, role=Role.PARTICIPANT)
    client.force_login(member)

    html = home(client)

    assert "Go to this week" in html
    assert 'class="next-step"' not in html
