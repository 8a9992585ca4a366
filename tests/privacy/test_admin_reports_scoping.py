"""Wagtail's page types report: an organizer of one course never reads the title of another
course's draft week or case study in review there."""

from __future__ import annotations

import pytest
from django.urls import resolve, reverse

from courses import reports
from tests.factories import CaseStudyPageFactory, UserFactory, WeekPageFactory

pytestmark = pytest.mark.django_db

DRAFT = "SekretDraftWeekB"
CASE_STUDY = "SekretCaseStudyB"
OWN_WEEK = "Our own week in progress"
PAGE_TYPES_URLS = [
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:page_types_usage_results",
]


@pytest.fixture
def organizer_b(other_course):
    return UserFactory(username="organizer-b")


@pytest.fixture
def own_week(course, organizer):
    """Course A's week, edited before the other course's pages (they are the last edited)."""
    course.save_revision(user=organizer).publish(user=organizer)
    week = WeekPageFactory(parent=course, title=OWN_WEEK, live=False)
    week.save_revision(user=organizer)
    return week


@pytest.fixture
def other_draft(other_course, organizer_b, own_week):
    draft = WeekPageFactory(parent=other_course, title=DRAFT, live=False)
    draft.save_revision(user=organizer_b)
    return draft


@pytest.fixture
def other_case_study(other_draft, organizer_b):
    case_study = CaseStudyPageFactory(parent=other_draft, title=CASE_STUDY, live=False)
    case_study.save_revision(user=organizer_b)
    return case_study


@pytest.fixture
def superuser():
    return UserFactory(username="root", is_superuser=True, is_staff=True)


# ---------------------------------------------------------------------------
# Page types usage (Wagtail)
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", PAGE_TYPES_URLS)
def test_the_page_types_report_names_no_page_of_another_course(
    client, organizer, other_case_study, name
):
    client.force_login(organizer)

    response = client.get(reverse(name))

    html = response.content.decode()
    assert response.status_code == 200
    assert DRAFT not in html
    assert CASE_STUDY not in html


def test_the_page_types_report_names_the_organizers_own_last_edited_week(
    client, organizer, other_case_study
):
    client.force_login(organizer)

    html = client.get(reverse("wagtailadmin_reports:page_types_usage_results")).content.decode()

    assert OWN_WEEK in html


def test_the_page_types_report_counts_only_the_pages_the_organizer_may_explore(
    client, organizer, other_case_study
):
    client.force_login(organizer)

    response = client.get(reverse("wagtailadmin_reports:page_types_usage_results"))

    counts = {row.model: row.count for row in response.context["object_list"]}
    assert counts["casestudypage"] == 0
    assert counts["weekpage"] == 1  # their own, not the other course's draft


def test_the_page_types_report_counts_pages_in_their_one_locale_whatever_locale_is_asked(
    client, organizer, other_case_study
):
    """Pages are one tree in one locale: Wagtail's locale filter would only hide them all."""
    client.force_login(organizer)

    response = client.get(
        reverse("wagtailadmin_reports:page_types_usage_results"), {"page_locale": "fr"}
    )

    counts = {row.model: row.count for row in response.context["object_list"]}
    assert counts["weekpage"] == 1


def test_a_superuser_sees_every_courses_last_edited_pages_in_the_page_types_report(
    client, superuser, other_case_study
):
    client.force_login(superuser)

    html = client.get(reverse("wagtailadmin_reports:page_types_usage_results")).content.decode()

    assert DRAFT in html
    assert CASE_STUDY in html


def test_the_reports_urls_still_reach_the_narrowed_view():
    """Should Wagtail move these URLs, ours would no longer stand in."""
    expected = {reverse(name): reports.PageTypesUsageView for name in PAGE_TYPES_URLS}

    reached = {url: resolve(url).func.view_class for url in expected}

    assert reached == expected
