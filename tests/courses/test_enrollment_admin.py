"""Enrollments in the Wagtail admin: an organizer manages only the courses they organize;
a superuser manages them all."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.enrollment import enroll
from courses.models import Application, Enrollment, Role
from tests.factories import CoursePageFactory, UserFactory, WeekPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_course(home_page):
    return CoursePageFactory(parent=home_page, title="Elsewhere course")


@pytest.fixture
def signed_in_organizer(client, organizer, other_course):
    """Organizer of `course` only; someone else organizes `other_course`."""
    enroll(course=other_course, user=UserFactory(), role=Role.ORGANIZER)
    client.force_login(organizer)
    return organizer


@pytest.fixture
def own_enrollment(course):
    return enroll(course=course, user=UserFactory(username="ana_own"), role=Role.PARTICIPANT)


@pytest.fixture
def other_enrollment(other_course):
    return enroll(
        course=other_course, user=UserFactory(username="zoe_elsewhere"), role=Role.PARTICIPANT
    )


@pytest.fixture
def newcomer(course):
    """Has applied to `course`: the enrollment form offers the course's people only."""
    user = UserFactory(username="newcomer")
    Application.objects.create(course=course, user=user, work_description="Cooperativas.")
    return user


def enrollment_form(course, user, **changes) -> dict:
    return {"course": course.pk, "user": user.pk, "role": Role.TRANSLATOR, "week": "", **changes}


def test_an_organizer_lists_only_the_enrollments_of_the_courses_they_organize(
    client, signed_in_organizer, own_enrollment, other_enrollment
):
    page = client.get(reverse("enrollments:index")).content.decode()

    assert "ana_own" in page
    assert "zoe_elsewhere" not in page


def test_the_listing_filter_offers_only_the_organizers_courses(
    client, signed_in_organizer, course, other_course, own_enrollment
):
    page = client.get(reverse("enrollments:index")).content.decode()

    assert f'value="{course.pk}"' in page
    assert "Elsewhere course" not in page


def test_filtering_the_listing_by_another_course_shows_none_of_its_enrollments(
    client, signed_in_organizer, other_course, other_enrollment
):
    page = client.get(reverse("enrollments:index"), {"course": other_course.pk}).content.decode()

    assert "zoe_elsewhere" not in page


def test_a_superuser_lists_every_courses_enrollments(client, own_enrollment, other_enrollment):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))

    page = client.get(reverse("enrollments:index")).content.decode()

    assert "ana_own" in page
    assert "zoe_elsewhere" in page


def test_the_new_enrollment_form_offers_only_the_organizers_courses_and_weeks(
    client, signed_in_organizer, course, week, other_course
):
    WeekPageFactory(parent=other_course, title="Elsewhere week")

    page = client.get(reverse("enrollments:add")).content.decode()

    assert f'<option value="{course.pk}"' in page
    assert f'<option value="{week.pk}"' in page
    assert "Elsewhere course" not in page
    assert "Elsewhere week" not in page
    # (By its title: a number alone may be the id of a person in another list of the form.)


def test_an_organizer_enrolls_someone_in_their_course(
    client, signed_in_organizer, course, newcomer
):
    response = client.post(reverse("enrollments:add"), enrollment_form(course, newcomer))

    assert response.status_code == 302
    assert Enrollment.objects.get(user=newcomer).course_id == course.pk


def test_a_forged_post_enrolling_someone_in_another_course_is_rejected(
    client, signed_in_organizer, other_course, newcomer
):
    response = client.post(reverse("enrollments:add"), enrollment_form(other_course, newcomer))

    assert response.status_code == 200  # the form again, with its error
    assert "course" in response.context["form"].errors
    assert not Enrollment.objects.filter(user=newcomer).exists()


def test_a_forged_post_assigning_another_courses_week_is_rejected(
    client, signed_in_organizer, course, other_course, newcomer
):
    elsewhere_week = WeekPageFactory(parent=other_course)
    form = enrollment_form(course, newcomer, role=Role.KEY_RESPONDENT, week=elsewhere_week.pk)

    response = client.post(reverse("enrollments:add"), form)

    assert response.status_code == 200
    assert "week" in response.context["form"].errors
    assert not Enrollment.objects.filter(user=newcomer).exists()


def test_an_organizer_edits_an_enrollment_of_their_course(
    client, signed_in_organizer, course, own_enrollment
):
    response = client.post(
        reverse("enrollments:edit", args=[own_enrollment.pk]),
        enrollment_form(course, own_enrollment.user),
    )

    assert response.status_code == 302
    own_enrollment.refresh_from_db()
    assert own_enrollment.role == Role.TRANSLATOR


def test_a_forged_post_moving_an_enrollment_to_another_course_is_rejected(
    client, signed_in_organizer, course, other_course, own_enrollment
):
    response = client.post(
        reverse("enrollments:edit", args=[own_enrollment.pk]),
        enrollment_form(other_course, own_enrollment.user),
    )

    assert response.status_code == 200
    own_enrollment.refresh_from_db()
    assert own_enrollment.course_id == course.pk
    assert own_enrollment.role == Role.PARTICIPANT


@pytest.mark.parametrize("view", ["edit", "delete", "copy", "history", "usage"])
def test_an_organizer_opens_every_view_of_a_enrollment_of_their_course(
    client, signed_in_organizer, own_enrollment, view
):
    response = client.get(reverse(f"enrollments:{view}", args=[own_enrollment.pk]))

    assert response.status_code == 200


@pytest.mark.parametrize("view", ["edit", "delete", "copy", "history", "usage"])
def test_another_courses_enrollment_is_not_found_at_its_direct_url(
    client, signed_in_organizer, other_enrollment, view
):
    response = client.get(reverse(f"enrollments:{view}", args=[other_enrollment.pk]))

    assert response.status_code == 404


def test_a_forged_post_editing_another_courses_enrollment_changes_nothing(
    client, signed_in_organizer, other_course, other_enrollment
):
    response = client.post(
        reverse("enrollments:edit", args=[other_enrollment.pk]),
        enrollment_form(other_course, other_enrollment.user),
    )

    assert response.status_code == 404
    other_enrollment.refresh_from_db()
    assert other_enrollment.role == Role.PARTICIPANT


def test_an_organizer_deletes_an_enrollment_of_their_course(
    client, signed_in_organizer, own_enrollment
):
    response = client.post(reverse("enrollments:delete", args=[own_enrollment.pk]))

    assert response.status_code == 302
    assert not Enrollment.objects.filter(pk=own_enrollment.pk).exists()


def test_another_courses_enrollment_cannot_be_deleted(
    client, signed_in_organizer, other_enrollment
):
    response = client.post(reverse("enrollments:delete", args=[other_enrollment.pk]))

    assert response.status_code == 404
    assert Enrollment.objects.filter(pk=other_enrollment.pk).exists()
