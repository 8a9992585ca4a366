from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from machina.core.db.models import get_model
from machina.core.loading import get_class

from courses.enrollment import enroll, withdraw
from courses.models import Role
from forum.models import WeekForum
from forum.permissions import sync_course_permissions
from tests.factories import UserFactory, WeekPageFactory

PermissionHandler = get_class("forum_permission.handler", "PermissionHandler")
UserForumPermission = get_model("forum_permission", "UserForumPermission")

pytestmark = pytest.mark.django_db


def publish(page, user=None):
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def forum_of(week):
    return WeekForum.objects.get(week=week).forum


@pytest.fixture
def participant(course):
    user = UserFactory(username="ana")
    enroll(course=course, user=user, role=Role.PARTICIPANT)
    return user


def test_a_participant_may_start_topics_in_the_open_week(week, organizer, participant):
    publish(week, organizer)

    assert PermissionHandler().can_add_topic(forum_of(week), participant)


def test_a_participant_may_read_but_not_post_in_a_closed_week(course, organizer, participant):
    today = timezone.localdate()
    closed = WeekPageFactory(parent=course, opens_on=today - dt.timedelta(days=9),
                             closes_on=today - dt.timedelta(days=3))  # fmt: skip
    publish(closed, organizer)
    handler = PermissionHandler()

    assert handler.can_read_forum(forum_of(closed), participant)
    assert not handler.can_add_topic(forum_of(closed), participant)


def test_an_organizer_may_post_in_every_visible_week(course, organizer):
    today = timezone.localdate()
    upcoming = WeekPageFactory(parent=course, opens_on=today + dt.timedelta(days=3),
                               closes_on=today + dt.timedelta(days=9))  # fmt: skip
    publish(upcoming, organizer)

    assert PermissionHandler().can_add_topic(forum_of(upcoming), organizer)


def test_unenrolling_removes_every_grant_on_the_course_forums(course, week, organizer, participant):
    publish(week, organizer)

    withdraw(course=course, user=participant, role=Role.PARTICIPANT)

    assert not UserForumPermission.objects.filter(user=participant).exists()


def test_syncing_twice_changes_nothing(course, week, organizer, participant):
    publish(week, organizer)
    before = set(UserForumPermission.objects.values_list("pk", flat=True))

    sync_course_permissions(course)

    assert set(UserForumPermission.objects.values_list("pk", flat=True)) == before


def test_a_week_that_closes_loses_its_posting_grants_on_the_next_sync(
    course, week, organizer, participant
):
    publish(week, organizer)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    type(week).objects.filter(pk=week.pk).update(closes_on=yesterday, opens_on=yesterday)

    sync_course_permissions(course)

    handler = PermissionHandler()
    assert handler.can_read_forum(forum_of(week), participant)
    assert not handler.can_add_topic(forum_of(week), participant)
