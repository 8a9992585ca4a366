"""A course is one page, the same page and URL in every language (courses.identity).

A member applies, is enrolled, reads and posts through the same URLs whatever their interface
language; every app answers "which course is this" with the course page.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from machina.apps.forum_permission.handler import PermissionHandler
from wagtail.models import Locale, Workflow

from courses import applications
from courses.enrollment import course_role, enroll, organized_courses, withdraw
from courses.identity import course_of_page, source_course, source_courses
from courses.models import Application, Enrollment, Role
from forum.course_of import course_forum_ids, course_of
from forum.models import CommunityOfPractice, WeekForum
from forum.permissions import role_group_name
from members.languages import LANGUAGE_CODES
from tests.factories import CaseStudyPageFactory, CoursePageFactory, UserFactory, WeekPageFactory
from tests.forum.helpers import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_course(course):
    # Applications close at the end of the day the course starts: still open today.
    course.start_date = course.application_deadline = timezone.localdate()
    course.save_revision().publish()
    return course


@pytest.fixture
def week(course):
    """A week open from today: within the course's dates, even when it starts today."""
    today = timezone.localdate()
    return WeekPageFactory(parent=course, opens_on=today, closes_on=today + dt.timedelta(6))


@pytest.fixture
def published_week(week, organizer):
    week.save_revision(user=organizer).publish(user=organizer)
    return week


def test_a_course_is_its_page_and_every_page_below_it_is_in_it(home_page, course, week):
    case_study = CaseStudyPageFactory(parent=week)
    other = CoursePageFactory(parent=home_page)

    assert source_course(course) == course
    assert course_of_page(course) == course
    assert course_of_page(week) == course
    assert course_of_page(case_study) == course
    assert course_of(case_study) == course
    assert course_of_page(home_page) is None
    assert set(source_courses()) == {course, other}


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_a_member_of_each_interface_language_applies_and_reads_through_the_same_urls(
    client, open_course, published_week, organizer, language
):
    applicant = member(language)
    client.force_login(applicant)

    course_page = client.get(open_course.url)
    applied = client.post(
        reverse("courses:apply", args=[open_course.pk]),
        {"role": "participant", "work_description": "Cooperativas de vivienda."},
    )
    applications.accept(Application.objects.get(user=applicant), by=organizer)
    week_page = client.get(published_week.url)

    assert course_page.status_code == 200
    assert f'<html lang="{language}">' in course_page.content.decode()
    assert applied.status_code == 302
    assert applied.url == open_course.url
    assert Enrollment.objects.get(user=applicant).course == open_course
    assert applicant.groups.filter(name=role_group_name(open_course.pk, Role.PARTICIPANT)).exists()
    assert course_role(applicant, open_course) == Role.PARTICIPANT
    assert week_page.status_code == 200
    assert f'<html lang="{language}">' in week_page.content.decode()
    forum = WeekForum.objects.get(week=published_week).forum
    handler = PermissionHandler()
    assert handler.can_read_forum(forum, applicant)
    assert handler.can_add_topic(forum, applicant)


def test_applying_twice_is_refused(open_course):
    applicant = UserFactory()
    applications.apply(
        course=open_course,
        user=applicant,
        role=Application.AppliedRole.PARTICIPANT,
        work_description="Cooperatives.",
    )

    with pytest.raises(Exception, match="already applied"):
        applications.apply(
            course=open_course,
            user=applicant,
            role=Application.AppliedRole.PARTICIPANT,
            work_description="Coopératives.",
        )


def test_withdrawing_takes_away_the_course_forums(course, published_week, organizer):
    member_ = UserFactory()
    enroll(course=course, user=member_, role=Role.PARTICIPANT)
    forum = WeekForum.objects.get(week=published_week).forum

    withdraw(course=course, user=member_)

    assert not Enrollment.objects.filter(user=member_).exists()
    assert not PermissionHandler().can_read_forum(forum, member_)


def test_an_organizer_sees_each_of_their_courses_once(home_page, course, organizer):
    CoursePageFactory(parent=home_page)  # not theirs

    assert list(organized_courses(organizer)) == [course]


def test_the_course_forums_are_its_category_weeks_and_communities(
    course, published_week, organizer
):
    community = CommunityOfPractice.objects.create(course=course, name="Crédit")
    community.refresh_from_db()
    week_forum = WeekForum.objects.get(week=published_week).forum

    ids = course_forum_ids(course)

    assert week_forum.pk in ids
    assert community.forum_id in ids
    assert week_forum.parent_id in ids


def test_the_migration_moves_rows_on_a_translation_to_the_course_and_renames_its_groups(
    course, organizer
):
    """courses.0005: rows once made through a copy, and groups named by translation key."""
    from importlib import import_module

    migration = import_module("courses.migrations.0005_one_course_identity")
    # A copy in another language, as wagtail-localize made them before courses.0007.
    french = course.copy_for_translation(Locale.objects.get(language_code="fr"), copy_parents=True)
    mover, twin = UserFactory(), UserFactory()
    Enrollment.objects.bulk_create(
        [
            Enrollment(course=french, user=mover, role=Role.PARTICIPANT),
            Enrollment(course=french, user=organizer, role=Role.ORGANIZER),  # already there
        ]
    )
    Application.objects.create(course=french, user=twin, role="participant")
    old_name = f"Organizers of {course.title} ({course.translation_key})"
    Group.objects.create(name=old_name)
    Workflow.objects.create(name=f"Case study review of X ({course.translation_key})")

    migration.to_source_pages(apps, None)

    assert Enrollment.objects.get(user=mover).course_id == course.pk
    assert Enrollment.objects.filter(user=organizer, role=Role.ORGANIZER).count() == 1
    assert Enrollment.objects.get(user=organizer).course_id == course.pk
    assert Application.objects.get(user=twin).course_id == course.pk
    assert Group.objects.filter(name=f"Organizers of {course.title} (course {course.pk})")
    assert not Group.objects.filter(name=old_name).exists()
    assert Workflow.objects.filter(name=f"Case study review of X (course {course.pk})")
