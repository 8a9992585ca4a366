"""The admin's people pickers (a new enrollment's person, a community's members): an
organizer picks among the people of the courses they organize (members and applicants),
never from every account of the site; a forged id is refused. Superusers pick anyone."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.enrollment import enroll
from courses.models import Application, Enrollment, Role
from forum.models import CommunityOfPractice
from tests.factories import CoursePageFactory, UserFactory

pytestmark = pytest.mark.django_db

PICKERS = ["enrollments:add", "community_admin:add"]


@pytest.fixture
def people(course, home_page):
    """A member and an applicant of the organizer's course; a member of and an applicant to
    another course; an account with no course at all."""
    elsewhere = CoursePageFactory(parent=home_page)
    found = {
        "member": UserFactory(username="MemberOwnCourse"),
        "applicant": UserFactory(username="ApplicantOwnCourse"),
        "other_member": UserFactory(username="MemberElsewhere"),
        "other_applicant": UserFactory(username="ApplicantElsewhere"),
        "stranger": UserFactory(username="StrangerNoCourse"),
    }
    enroll(course=course, user=found["member"], role=Role.PARTICIPANT)
    Application.objects.create(course=course, user=found["applicant"], work_description="A.")
    enroll(course=elsewhere, user=found["other_member"], role=Role.PARTICIPANT)
    Application.objects.create(
        course=elsewhere, user=found["other_applicant"], work_description="B."
    )
    return found


@pytest.mark.parametrize("picker", PICKERS)
def test_an_organizer_picks_among_the_people_of_their_courses_only(
    client, organizer, people, picker
):
    client.force_login(organizer)

    html = client.get(reverse(picker)).content.decode()

    assert "MemberOwnCourse" in html
    assert "ApplicantOwnCourse" in html
    assert "MemberElsewhere" not in html
    assert "ApplicantElsewhere" not in html
    assert "StrangerNoCourse" not in html


@pytest.mark.parametrize("picker", PICKERS)
def test_a_superuser_picks_among_every_account(client, people, picker):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))

    html = client.get(reverse(picker)).content.decode()

    assert "MemberElsewhere" in html
    assert "StrangerNoCourse" in html


@pytest.mark.parametrize("who", ["other_member", "stranger"])
def test_a_forged_post_enrolling_someone_outside_the_organizers_courses_is_refused(
    client, course, organizer, people, who
):
    client.force_login(organizer)
    form = {"course": course.pk, "user": people[who].pk, "role": Role.PARTICIPANT, "week": ""}

    response = client.post(reverse("enrollments:add"), form)

    assert response.status_code == 200  # the form again, with its error
    assert "user" in response.context["form"].errors
    assert not Enrollment.objects.filter(user=people[who], course=course).exists()


def test_an_organizer_enrolls_an_applicant_to_their_course(client, course, organizer, people):
    client.force_login(organizer)
    form = {"course": course.pk, "user": people["applicant"].pk, "role": Role.PARTICIPANT}

    response = client.post(reverse("enrollments:add"), {**form, "week": ""})

    assert response.status_code == 302
    assert Enrollment.objects.filter(user=people["applicant"], course=course).exists()


@pytest.mark.parametrize("who", ["other_member", "stranger"])
def test_a_forged_post_adding_someone_outside_the_organizers_courses_to_a_community_is_refused(
    client, course, organizer, people, who
):
    client.force_login(organizer)
    form = {"course": course.pk, "name": "Finanzas solidarias", "description": ""}

    response = client.post(reverse("community_admin:add"), {**form, "members": [people[who].pk]})

    assert response.status_code == 200
    assert "members" in response.context["form"].errors
    assert not CommunityOfPractice.objects.filter(name="Finanzas solidarias").exists()
