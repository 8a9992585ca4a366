"""Roles become group grants, kept in step when roles change; the index stays constant-query."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from machina.core.db.models import get_model
from machina.core.loading import get_class

from courses.enrollment import change_role, choose_after_course, enroll, withdraw
from courses.models import AfterCourse, Enrollment, Role
from forum.models import QuestionTopic, WeekForum
from forum.permissions import role_group_name, sync_course_permissions
from tests.factories import CoursePageFactory, UserFactory, WeekPageFactory

PermissionHandler = get_class("forum_permission.handler", "PermissionHandler")
UserForumPermission = get_model("forum_permission", "UserForumPermission")

pytestmark = pytest.mark.django_db


def publish(page, user=None):
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def forum_of(week):
    return WeekForum.objects.get(week=week).forum


def test_enrolling_puts_the_member_in_the_course_role_group_and_grants_no_user_rows(
    course, week, organizer
):
    publish(week, organizer)
    member = UserFactory()

    enroll(course=course, user=member, role=Role.PARTICIPANT)

    assert member.groups.filter(name=role_group_name(course.pk, Role.PARTICIPANT)).exists()
    assert not UserForumPermission.objects.filter(user=member).exists()


def test_a_participant_made_organizer_may_then_moderate(course, week, organizer):
    publish(week, organizer)
    member = UserFactory()
    enroll(course=course, user=member, role=Role.PARTICIPANT)
    assert not PermissionHandler().can_lock_topics(forum_of(week), member)

    change_role(Enrollment.objects.get(user=member), role=Role.ORGANIZER)

    assert PermissionHandler().can_lock_topics(forum_of(week), member)
    assert not member.groups.filter(name=role_group_name(course.pk, Role.PARTICIPANT)).exists()


def test_unenrolling_takes_away_reading(course, week, organizer):
    publish(week, organizer)
    member = UserFactory()
    enroll(course=course, user=member, role=Role.PARTICIPANT)

    withdraw(course=course, user=member, role=Role.PARTICIPANT)

    assert not PermissionHandler().can_read_forum(forum_of(week), member)


def test_after_the_course_a_member_who_stays_keeps_reading_and_one_who_leaves_does_not(
    course, week, organizer
):
    publish(week, organizer)
    staying, leaving = UserFactory(), UserFactory()
    for user in (staying, leaving):
        enroll(course=course, user=user, role=Role.PARTICIPANT)
    topic = QuestionTopic.objects.first().topic
    topic.subscribers.add(staying, leaving)

    for user, choice in ((staying, AfterCourse.STAY), (leaving, AfterCourse.LEAVE)):
        choose_after_course(course=course, user=user, choice=choice)

    handler = PermissionHandler()
    assert handler.can_read_forum(forum_of(week), staying)
    assert not handler.can_read_forum(forum_of(week), leaving)
    assert set(topic.subscribers.all()) == {staying}


def test_members_choose_to_leave_through_the_after_course_page(client, course, week, organizer):
    publish(week, organizer)
    member = UserFactory()
    enroll(course=course, user=member, role=Role.PARTICIPANT)
    type(course).objects.filter(pk=course.pk).update(
        end_date=timezone.localdate() - dt.timedelta(days=1)
    )
    client.force_login(member)

    client.post(f"/courses/{course.pk}/after/", {"choice": "leave"})

    assert Enrollment.objects.get(user=member).after_course == AfterCourse.LEAVE
    assert not PermissionHandler().can_read_forum(forum_of(week), member)


def test_a_public_course_lets_visitors_read_but_not_post(client, home_page, organizer):
    course = CoursePageFactory(parent=home_page, public_forum=True)
    enroll(course=course, user=organizer, role=Role.ORGANIZER)
    week = publish(WeekPageFactory(parent=course), organizer)
    publish(course, organizer)
    sync_course_permissions(course)
    from django.contrib.auth.models import AnonymousUser

    handler = PermissionHandler()
    assert handler.can_read_forum(forum_of(week), AnonymousUser())
    assert handler.can_read_forum(forum_of(week), UserFactory())
    assert not handler.can_add_topic(forum_of(week), UserFactory())


def index_queries(client, home_page, *, weeks: int, members: int) -> int:
    organizer = UserFactory()
    course = CoursePageFactory(parent=home_page)
    enroll(course=course, user=organizer, role=Role.ORGANIZER)
    for _ in range(weeks):
        publish(WeekPageFactory(parent=course), organizer)
    people = [UserFactory() for _ in range(members)]
    for person in people:
        enroll(course=course, user=person, role=Role.PARTICIPANT)
    client.force_login(people[0])
    client.get("/forum/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/forum/")
    assert response.content.decode().count('class="forum-name-link"') == weeks
    return len(queries)


def test_the_forum_index_makes_a_constant_number_of_queries_with_enrolled_members(
    client, home_page
):
    assert index_queries(client, home_page, weeks=2, members=2) == index_queries(
        client, home_page, weeks=5, members=12
    )
