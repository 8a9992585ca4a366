"""Wagtail's page admin beyond the explorer: the page chooser, the move confirmation and the
explorer's people filters. An organizer of one course never sees another course's
unpublished pages there, not even by title, nor the names of another course's people;
superusers see everything."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from courses.enrollment import enroll
from courses.models import Role
from tests.factories import CaseStudyPageFactory, UserFactory, WeekPageFactory

pytestmark = pytest.mark.django_db

DRAFT = "SekretDraftWeekB"
DRAFT_WORD = "borradorelsewhere"
OWN_DRAFT = "Our own draft week"


@pytest.fixture
def other_draft(other_course):
    draft = WeekPageFactory(parent=other_course, title=f"{DRAFT} {DRAFT_WORD}", live=False)
    draft.save_revision()
    return draft


@pytest.fixture
def own_draft(course, organizer):
    course.save_revision(user=organizer).publish(user=organizer)
    draft = WeekPageFactory(parent=course, title=OWN_DRAFT, live=False)
    draft.save_revision(user=organizer)
    return draft


@pytest.fixture
def superuser():
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


# ---------------------------------------------------------------------------
# The page chooser
# ---------------------------------------------------------------------------
def test_the_page_chooser_does_not_list_another_courses_draft(
    client, organizer, own_draft, other_course, other_draft
):
    client.force_login(organizer)

    response = client.get(reverse("wagtailadmin_choose_page_child", args=[other_course.pk]))

    assert response.status_code == 200
    assert "Elsewhere course" in response.content.decode()  # live: public anyway
    assert DRAFT not in response.content.decode()


def test_the_page_chooser_lists_the_organizers_own_draft(client, organizer, course, own_draft):
    client.force_login(organizer)

    response = client.get(reverse("wagtailadmin_choose_page_child", args=[course.pk]))

    assert OWN_DRAFT in response.content.decode()


def test_the_page_chooser_does_not_browse_into_another_courses_draft(
    client, organizer, own_draft, other_draft
):
    client.force_login(organizer)

    response = client.get(reverse("wagtailadmin_choose_page_child", args=[other_draft.pk]))

    assert response.status_code == 404
    assert DRAFT not in response.content.decode()


def test_the_page_chooser_search_does_not_find_another_courses_draft(
    client, organizer, own_draft, other_draft
):
    client.force_login(organizer)

    response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": DRAFT_WORD})

    assert response.status_code == 200
    assert DRAFT not in response.content.decode()


def test_the_chosen_pages_leave_out_another_courses_draft(
    client, organizer, own_draft, other_draft
):
    client.force_login(organizer)
    url = reverse("wagtailadmin_choose_page_chosen_multiple")

    response = client.get(f"{url}?id={own_draft.pk}&id={other_draft.pk}")

    assert OWN_DRAFT in response.content.decode()
    assert DRAFT not in response.content.decode()


def test_a_superuser_chooses_among_every_courses_pages(
    client, superuser, other_course, other_draft
):
    client.force_login(superuser)

    browsed = client.get(reverse("wagtailadmin_choose_page_child", args=[other_course.pk]))
    found = client.get(reverse("wagtailadmin_choose_page_search"), {"q": DRAFT_WORD})

    assert DRAFT in browsed.content.decode()
    assert DRAFT in found.content.decode()


# ---------------------------------------------------------------------------
# Moving a page
# ---------------------------------------------------------------------------
def move_confirm_url(page, destination) -> str:
    return reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk])


def is_refused(response) -> bool:
    """Wagtail's refusal of an admin page: back to the dashboard, with a message."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_the_move_confirmation_refuses_another_courses_page(
    client, organizer, course, own_draft, other_draft
):
    client.force_login(organizer)

    response = client.get(move_confirm_url(other_draft, course))

    assert is_refused(response)
    assert DRAFT not in response.content.decode()


def test_the_move_confirmation_refuses_another_courses_draft_as_destination(
    client, organizer, course, own_draft, other_draft
):
    client.force_login(organizer)

    response = client.get(move_confirm_url(course, other_draft))

    assert is_refused(response)
    assert DRAFT not in response.content.decode()


def test_an_organizer_still_confirms_a_move_within_their_course(
    client, organizer, course, own_draft
):
    case_study = CaseStudyPageFactory(parent=own_draft, title="Our own case study")
    other_week = WeekPageFactory(parent=course, title="Our second week")
    client.force_login(organizer)

    response = client.get(move_confirm_url(case_study, other_week))

    assert response.status_code == 200
    assert "Our own case study" in response.content.decode()


# ---------------------------------------------------------------------------
# The explorer's "Owner" and "Edited by" filters
# ---------------------------------------------------------------------------
@pytest.fixture
def page_people(course, own_draft, other_course, other_draft):
    """A respondent of each course who owns and edited a page of their course."""
    own = UserFactory(username="respondent-a", first_name="Owner", last_name="OwnCourse")
    other = UserFactory(username="respondent-b", first_name="Owner", last_name="Elsewhere")
    enroll(course=course, user=own, role=Role.KEY_RESPONDENT, week=own_draft)
    enroll(course=other_course, user=other, role=Role.KEY_RESPONDENT, week=other_draft)
    for person, week in ((own, own_draft), (other, other_draft)):
        case_study = CaseStudyPageFactory(parent=week, owner=person)
        PageLogEntry.objects.log_action(case_study, "wagtail.edit", user=person)
    return {"own": own, "other": other}


def explorer_filters(client, course) -> str:
    return client.get(reverse("wagtailadmin_explore", args=[course.pk])).content.decode()


def test_the_explorer_filters_name_only_people_of_the_organizers_courses(
    client, organizer, course, page_people
):
    client.force_login(organizer)

    html = explorer_filters(client, course)

    assert html.count("Owner OwnCourse") == 2  # "Owner" and "Edited by"
    assert "Owner Elsewhere" not in html


def test_the_explorer_filters_name_everyone_for_a_superuser(client, superuser, course, page_people):
    client.force_login(superuser)

    html = explorer_filters(client, course)

    assert html.count("Owner OwnCourse") == 2
    assert html.count("Owner Elsewhere") == 2
