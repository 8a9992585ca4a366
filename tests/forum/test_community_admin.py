"""Communities of practice in the Wagtail admin: an organizer manages only the courses they
organize; a superuser manages them all."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.enrollment import enroll
from courses.models import Role
from forum.communities import create_community
from forum.models import CommunityOfPractice
from tests.factories import CoursePageFactory, UserFactory

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
def own_community(course):
    return create_community(course=course, name="Cooperativas rurales", members=[])


@pytest.fixture
def other_community(other_course):
    return create_community(course=other_course, name="Monnaies locales", members=[])


@pytest.fixture
def member(course):
    """A participant of `course`: the community form offers the course's people only."""
    user = UserFactory(username="member")
    enroll(course=course, user=user, role=Role.PARTICIPANT)
    return user


def community_form(course, **changes) -> dict:
    return {"course": course.pk, "name": "Finanzas solidarias", "description": "", **changes}


def test_an_organizer_lists_only_the_communities_of_the_courses_they_organize(
    client, signed_in_organizer, own_community, other_community
):
    page = client.get(reverse("community_admin:index")).content.decode()

    assert "Cooperativas rurales" in page
    assert "Monnaies locales" not in page


def test_the_listing_filter_offers_only_the_organizers_courses(
    client, signed_in_organizer, course, other_course, own_community
):
    page = client.get(reverse("community_admin:index")).content.decode()

    assert f'value="{course.pk}"' in page
    assert "Elsewhere course" not in page


def test_a_superuser_lists_every_courses_communities(client, own_community, other_community):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))

    page = client.get(reverse("community_admin:index")).content.decode()

    assert "Cooperativas rurales" in page
    assert "Monnaies locales" in page


def test_the_new_community_form_offers_only_the_organizers_courses(
    client, signed_in_organizer, course
):
    page = client.get(reverse("community_admin:add")).content.decode()

    assert f'<option value="{course.pk}"' in page
    assert "Elsewhere course" not in page


def test_an_organizer_adds_a_community_to_their_course(client, signed_in_organizer, course, member):
    response = client.post(
        reverse("community_admin:add"), community_form(course, members=[member.pk])
    )

    assert response.status_code == 302
    community = CommunityOfPractice.objects.get(name="Finanzas solidarias")
    assert community.course_id == course.pk
    assert list(community.members.all()) == [member]


def test_a_forged_post_adding_a_community_to_another_course_is_rejected(
    client, signed_in_organizer, other_course
):
    response = client.post(reverse("community_admin:add"), community_form(other_course))

    assert response.status_code == 200  # the form again, with its error
    assert "course" in response.context["form"].errors
    assert not CommunityOfPractice.objects.filter(name="Finanzas solidarias").exists()


def test_an_organizer_edits_a_community_of_their_course(
    client, signed_in_organizer, course, own_community
):
    response = client.post(
        reverse("community_admin:edit", args=[own_community.pk]), community_form(course)
    )

    assert response.status_code == 302
    own_community.refresh_from_db()
    assert own_community.name == "Finanzas solidarias"


def test_a_forged_post_moving_a_community_to_another_course_is_rejected(
    client, signed_in_organizer, course, other_course, own_community
):
    response = client.post(
        reverse("community_admin:edit", args=[own_community.pk]), community_form(other_course)
    )

    assert response.status_code == 200
    own_community.refresh_from_db()
    assert own_community.course_id == course.pk
    assert own_community.name == "Cooperativas rurales"


@pytest.mark.parametrize("view", ["edit", "delete", "copy", "history", "usage"])
def test_an_organizer_opens_every_view_of_a_community_of_their_course(
    client, signed_in_organizer, own_community, view
):
    response = client.get(reverse(f"community_admin:{view}", args=[own_community.pk]))

    assert response.status_code == 200


@pytest.mark.parametrize("view", ["edit", "delete", "copy", "history", "usage"])
def test_another_courses_community_is_not_found_at_its_direct_url(
    client, signed_in_organizer, other_community, view
):
    response = client.get(reverse(f"community_admin:{view}", args=[other_community.pk]))

    assert response.status_code == 404


def test_a_forged_post_editing_another_courses_community_changes_nothing(
    client, signed_in_organizer, other_course, other_community, member
):
    response = client.post(
        reverse("community_admin:edit", args=[other_community.pk]),
        community_form(other_course, members=[member.pk]),
    )

    assert response.status_code == 404
    other_community.refresh_from_db()
    assert other_community.name == "Monnaies locales"
    assert not other_community.members.exists()


def test_an_organizer_deletes_a_community_of_their_course(
    client, signed_in_organizer, own_community
):
    response = client.post(reverse("community_admin:delete", args=[own_community.pk]))

    assert response.status_code == 302
    assert not CommunityOfPractice.objects.filter(pk=own_community.pk).exists()


def test_another_courses_community_cannot_be_deleted(client, signed_in_organizer, other_community):
    response = client.post(reverse("community_admin:delete", args=[other_community.pk]))

    assert response.status_code == 404
    assert CommunityOfPractice.objects.filter(pk=other_community.pk).exists()
