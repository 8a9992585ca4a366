from __future__ import annotations

import pytest
from wagtail.models import Page

from cms.models import HomePage
from courses.models import CaseStudyPage, CoursePage, WeekPage
from proceedings.models import ProceedingsPage

pytestmark = pytest.mark.django_db


def test_home_page_accepts_only_courses():
    assert HomePage.allowed_subpage_models() == [CoursePage]


def test_course_accepts_weeks_and_proceedings_and_lives_only_under_the_home_page():
    assert CoursePage.allowed_subpage_models() == [WeekPage, ProceedingsPage]
    assert CoursePage.allowed_parent_page_models() == [HomePage]


def test_week_lives_only_under_a_course_and_holds_case_studies_and_proceedings():
    assert WeekPage.allowed_parent_page_models() == [CoursePage]
    assert WeekPage.allowed_subpage_models() == [CaseStudyPage, ProceedingsPage]


def test_case_study_lives_only_under_a_week_and_has_no_children():
    assert CaseStudyPage.allowed_parent_page_models() == [WeekPage]
    assert CaseStudyPage.allowed_subpage_models() == []


def test_a_week_cannot_be_created_under_the_home_page(home_page):
    assert not WeekPage.can_create_at(home_page)
    assert not CaseStudyPage.can_create_at(home_page)


def test_a_case_study_can_be_created_under_a_week_but_not_under_a_course(course, week):
    assert CaseStudyPage.can_create_at(week)
    assert not CaseStudyPage.can_create_at(course)


def test_a_course_cannot_be_created_at_the_root():
    assert not CoursePage.can_create_at(Page.get_first_root_node())


def test_superuser_cannot_add_a_week_under_the_home_page_through_the_admin(client, home_page):
    from tests.factories import UserFactory

    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)

    response = client.get(f"/admin/pages/add/courses/weekpage/{home_page.pk}/")

    # Wagtail's admin turns PermissionDenied into a redirect to its dashboard.
    assert response.status_code == 302
    assert response.url == "/admin/"
