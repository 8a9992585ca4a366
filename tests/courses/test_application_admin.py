"""The organizers' applications and participation screens cover their course: an applicant
applies, and is enrolled, through the course page, the same page in every language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import applications
from courses.enrollment import enroll
from courses.models import Application, Enrollment, Role
from tests.factories import CoursePageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_course(course):
    course.application_deadline = timezone.localdate() + dt.timedelta(days=10)
    course.start_date = course.application_deadline  # applications close by the start
    course.save_revision().publish()
    return course


@pytest.fixture
def signed_in_organizer(client, organizer):
    client.force_login(organizer)
    return organizer


def application_to(course, username: str) -> Application:
    return applications.apply(
        course=course,
        user=UserFactory(username=username),
        role=Application.AppliedRole.PARTICIPANT,
        work_description="Coopératives d'habitation.",
    )


def test_an_organizer_lists_applications_to_their_course(client, signed_in_organizer, open_course):
    application_to(open_course, "lea_fr")

    page = client.get(reverse("course_applications")).content.decode()

    assert "lea_fr" in page


def test_an_organizer_accepts_an_application_to_their_course(
    client, signed_in_organizer, open_course
):
    application = application_to(open_course, "lea_fr")

    response = client.post(
        reverse("decide_application", args=[application.pk]), {"decision": "accept"}
    )

    assert response.status_code == 302
    assert Enrollment.objects.filter(user=application.user, course=open_course).exists()


def test_an_organizer_cannot_decide_another_courses_application(
    client, signed_in_organizer, home_page
):
    deadline = timezone.localdate() + dt.timedelta(days=10)
    other_course = CoursePageFactory(
        parent=home_page, application_deadline=deadline, start_date=deadline
    )
    enroll(course=other_course, user=UserFactory(), role=Role.ORGANIZER)
    application = application_to(other_course, "zoe_elsewhere")

    response = client.post(
        reverse("decide_application", args=[application.pk]), {"decision": "accept"}
    )

    assert response.status_code == 404
    assert not Enrollment.objects.filter(user=application.user).exists()


def test_an_organizer_sees_the_participation_of_their_course(
    client, signed_in_organizer, open_course
):
    response = client.get(reverse("course_participation", args=[open_course.pk]))

    assert response.status_code == 200
