"""Wagtail's bulk actions on pages (publish, unpublish, delete, move): an organizer or key
respondent of one course never sees another course's pages in them, not even by title."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Page

from tests.factories import UserFactory, WeekPageFactory

pytestmark = pytest.mark.django_db

DRAFT = "SekretDraftWeekB"
ACTIONS = ["publish", "unpublish", "delete", "move"]


def bulk_url(action: str, *ids) -> str:
    query = "&".join(f"id={pk}" for pk in ids)
    return reverse("wagtail_bulk_action", args=["wagtailcore", "page", action]) + f"?{query}"


@pytest.fixture
def other_draft(other_course):
    draft = WeekPageFactory(parent=other_course, title=DRAFT, live=False)
    draft.save_revision()
    return draft


@pytest.fixture
def own_draft(course, organizer):
    course.save_revision(user=organizer).publish(user=organizer)
    draft = WeekPageFactory(parent=course, title="Our own draft week", live=False)
    draft.save_revision(user=organizer)
    return draft


@pytest.mark.parametrize("action", ACTIONS)
def test_an_organizer_does_not_see_another_courses_draft_in_a_bulk_action(
    client, organizer, other_draft, action
):
    client.force_login(organizer)

    response = client.get(bulk_url(action, other_draft.pk))

    assert response.status_code == 404
    assert DRAFT not in response.content.decode()


@pytest.mark.parametrize("action", ACTIONS)
def test_a_key_respondent_does_not_see_another_courses_draft_in_a_bulk_action(
    client, key_respondent, other_draft, action
):
    client.force_login(key_respondent)

    response = client.get(bulk_url(action, other_draft.pk))

    assert DRAFT not in response.content.decode()


def test_a_bulk_action_lists_the_organizers_own_page_but_not_the_other_courses(
    client, organizer, own_draft, other_draft
):
    client.force_login(organizer)

    html = client.get(bulk_url("publish", own_draft.pk, other_draft.pk)).content.decode()

    assert "Our own draft week" in html
    assert DRAFT not in html


def test_selecting_all_the_children_of_another_course_lists_none_of_them(
    client, organizer, other_course, other_draft
):
    client.force_login(organizer)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])

    response = client.get(f"{url}?id=all&childOf={other_course.pk}")

    assert DRAFT not in response.content.decode()


def test_another_courses_page_is_no_destination_of_a_bulk_move(
    client, organizer, course, own_draft, other_course
):
    client.force_login(organizer)

    response = client.post(bulk_url("move", own_draft.pk), {"chooser": other_course.pk})

    assert "Elsewhere course" not in response.content.decode()
    assert Page.objects.get(pk=own_draft.pk).get_parent().pk == course.pk


def test_an_organizer_still_publishes_their_own_drafts_in_bulk(client, organizer, own_draft):
    client.force_login(organizer)

    response = client.post(bulk_url("publish", own_draft.pk), {"include_descendants": ""})

    assert response.status_code == 302
    assert Page.objects.get(pk=own_draft.pk).live


def test_a_superuser_still_sees_every_courses_pages(client, other_draft):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))

    html = client.get(bulk_url("publish", other_draft.pk)).content.decode()

    assert DRAFT in html
