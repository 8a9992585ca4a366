"""A course is one thing in every language: its source page (courses.identity).

Whichever language version of the course page a person applies through, they are enrolled
in the course itself, and read and post in its forums exactly as if they had applied
through the original; every app answers "which course is this" the same way.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
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
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def copy_in(page, language: str):
    return page.copy_for_translation(Locale.objects.get(language_code=language), copy_parents=True)


@pytest.fixture
def open_course(course):
    course.application_deadline = timezone.localdate() + dt.timedelta(days=10)
    course.save_revision().publish()
    return course


@pytest.fixture
def published_week(week, organizer):
    week.save_revision(user=organizer).publish(user=organizer)
    return week


def test_every_language_version_of_a_course_is_the_same_course(course, week):
    french, spanish = copy_in(course, "fr"), copy_in(course, "es")
    french_week = copy_in(week, "fr")

    assert source_course(french) == course
    assert source_course(spanish) == course
    assert course_of_page(french_week) == course
    assert course_of(french_week) == course
    assert set(source_courses()) == {course}


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_accepted_through_any_language_a_member_reads_and_posts_in_the_course_forums(
    open_course, published_week, organizer, language
):
    page = open_course if language == "en" else copy_in(open_course, language)
    applicant = UserFactory()
    application = applications.apply(
        course=page,
        user=applicant,
        role=Application.AppliedRole.PARTICIPANT,
        work_description="Cooperatives.",
    )

    applications.accept(application, by=organizer)

    assert application.course == open_course
    assert Enrollment.objects.get(user=applicant).course == open_course
    assert applicant.groups.filter(name=role_group_name(open_course.pk, Role.PARTICIPANT)).exists()
    forum = WeekForum.objects.get(week=published_week).forum
    handler = PermissionHandler()
    assert handler.can_read_forum(forum, applicant)
    assert handler.can_add_topic(forum, applicant)
    assert course_role(applicant, page) == Role.PARTICIPANT


def test_applying_again_through_another_language_is_refused(open_course):
    applicant = UserFactory()
    applications.apply(
        course=open_course,
        user=applicant,
        role=Application.AppliedRole.PARTICIPANT,
        work_description="Cooperatives.",
    )

    with pytest.raises(Exception, match="already applied"):
        applications.apply(
            course=copy_in(open_course, "fr"),
            user=applicant,
            role=Application.AppliedRole.PARTICIPANT,
            work_description="Coopératives.",
        )


def test_withdrawing_through_a_translation_takes_away_the_course_forums(
    course, published_week, organizer
):
    member = UserFactory()
    enroll(course=course, user=member, role=Role.PARTICIPANT)
    forum = WeekForum.objects.get(week=published_week).forum

    withdraw(course=copy_in(course, "fr"), user=member)

    assert not Enrollment.objects.filter(user=member).exists()
    assert not PermissionHandler().can_read_forum(forum, member)


def test_an_organizer_sees_each_course_once_whatever_its_languages(course, organizer):
    copy_in(course, "fr")

    assert list(organized_courses(organizer)) == [course]


def test_the_course_forums_are_its_category_weeks_and_communities(
    course, published_week, organizer
):
    community = CommunityOfPractice.objects.create(course=course, name="Crédit")
    community.refresh_from_db()
    week_forum = WeekForum.objects.get(week=published_week).forum

    ids = course_forum_ids(copy_in(course, "fr"))

    assert week_forum.pk in ids
    assert community.forum_id in ids
    assert week_forum.parent_id in ids


def test_the_migration_moves_rows_on_a_translation_to_the_course_and_renames_its_groups(
    course, organizer
):
    """courses.0005: rows once made through a copy, and groups named by translation key."""
    from importlib import import_module

    migration = import_module("courses.migrations.0005_one_course_identity")
    french = copy_in(course, "fr")
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
