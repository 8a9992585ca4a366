"""Odd values in URLs and forms get a clear answer (ignored, or a 404), never a server error:
`str.isdigit()` says yes to "²", which neither int() nor the database accepts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import applications
from courses.enrollment import enroll
from courses.models import Application, Enrollment, Role
from tests.factories import UserFactory
from tests.forum.helpers import member, topic_url
from tests.translations.course_posts import course_post, week_forum

pytestmark = pytest.mark.django_db

ODD_NUMBERS = ["²", "٣", "１", "abc"]


@pytest.fixture
def reader(client, course):
    user = member("es")
    enroll(course=course, user=user, role=Role.PARTICIPANT)
    client.force_login(user)
    return user


@pytest.fixture
def post(week, organizer):
    return course_post(week_forum(week, organizer), member("fr"), content="Crédito.", language="fr")


@pytest.mark.parametrize("value", ODD_NUMBERS)
def test_a_topic_page_ignores_an_original_that_is_not_a_post_id(client, reader, post, value):
    response = client.get(topic_url(post.topic), {"original": value})

    assert response.status_code == 200


@pytest.mark.parametrize("value", ODD_NUMBERS)
def test_a_topic_page_ignores_a_post_that_is_not_a_post_id(client, reader, post, value):
    response = client.get(topic_url(post.topic), {"post": value})

    assert response.status_code == 200


@pytest.mark.parametrize("path", ["abc", "²", "abc/posts"])
def test_a_member_profile_with_an_id_that_is_not_a_number_is_not_found(client, reader, path):
    response = client.get(f"/forum/member/profile/{path}/")

    assert response.status_code == 404


@pytest.fixture
def application(course, organizer):
    """An application to the course, made before its deadline."""
    course.application_deadline = timezone.localdate() + dt.timedelta(days=10)
    course.start_date = course.application_deadline  # applications close by the start
    course.save_revision().publish()
    return applications.apply(
        course=course,
        user=UserFactory(username="lea"),
        role=Application.AppliedRole.PARTICIPANT,
        work_description="Coopératives d'habitation.",
    )


def test_the_applications_list_ignores_a_course_that_is_not_an_id(client, organizer, application):
    client.force_login(organizer)

    response = client.get(reverse("course_applications"), {"course": "²"})

    assert response.status_code == 200
    assert "lea" in response.content.decode()


def test_accepting_with_a_week_that_is_not_an_id_enrolls_without_a_week(
    client, course, organizer, application
):
    client.force_login(organizer)

    response = client.post(
        reverse("decide_application", args=[application.pk]), {"decision": "accept", "week": "²"}
    )

    assert response.status_code == 302
    assert Enrollment.objects.filter(user=application.user, course=course).exists()
