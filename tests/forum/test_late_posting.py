"""Late posts: a closed week accepts them until its own late date, and a member with an
extension (`Enrollment.late_until`) until theirs. Through real HTTP, as members post."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from machina.core.db.models import get_model

from courses.enrollment import enroll, save_enrollment
from courses.models import Enrollment, Role, WeekPage, WeekState
from forum.models import WeekForum
from forum.permissions import sync_course_permissions, week_grants
from forum.progress import progress_matrix
from tests.factories import UserFactory, WeekPageFactory
from tests.forum.helpers import topic_url
from tests.forum.permission_world import NO_ATTACHMENTS

Topic = get_model("forum_conversation", "Topic")
UserForumPermission = get_model("forum_permission", "UserForumPermission")

pytestmark = pytest.mark.django_db


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


@pytest.fixture
def closed_week(course, organizer):
    """Closed three days ago; published, so its forum exists."""
    week = WeekPageFactory(parent=course, opens_on=days(-9), closes_on=days(-3), questions=[])
    week.save_revision(user=organizer).publish(user=organizer)
    return WeekPage.objects.get(pk=week.pk)


def member(course, username: str) -> object:
    user = UserFactory(username=username)
    enroll(course=course, user=user, role=Role.PARTICIPANT)
    return user


def start_topic(client, user, week: WeekPage, subject: str):
    forum = WeekForum.objects.get(week=week).forum
    client.force_login(user)
    return client.post(
        reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk]),
        {"subject": subject, "content": "Un aporte tardío.", "language": "es", "topic_type": 0,
         **NO_ATTACHMENTS},
    )  # fmt: skip


def allow_late_posts(week: WeekPage, until: dt.date) -> None:
    week.late_posts_until = until
    week.save_revision().publish()
    # Publishing a week resyncs its course's grants (forum.receivers.week_published).


def test_a_participant_cannot_post_in_a_closed_week_without_an_allowance(
    client, course, closed_week
):
    ana = member(course, "ana")

    response = start_topic(client, ana, closed_week, "Tarde")

    assert response.status_code == 403
    assert not Topic.objects.filter(subject="Tarde").exists()


def test_a_participant_posts_in_a_closed_week_within_its_late_allowance(
    client, course, closed_week
):
    ana = member(course, "ana")
    allow_late_posts(closed_week, days(2))

    response = start_topic(client, ana, closed_week, "Tarde")

    assert response.status_code == 302
    assert Topic.objects.filter(subject="Tarde", poster=ana).exists()


def test_a_participant_cannot_post_once_the_late_allowance_has_passed(client, course, closed_week):
    ana = member(course, "ana")
    allow_late_posts(closed_week, days(-1))

    response = start_topic(client, ana, closed_week, "Demasiado tarde")

    assert response.status_code == 403
    assert not Topic.objects.filter(subject="Demasiado tarde").exists()


def test_a_member_with_an_extension_posts_where_the_others_cannot(client, course, closed_week):
    ana, luis = member(course, "ana"), member(course, "luis")
    enrollment = Enrollment.objects.get(course=course, user=ana)
    enrollment.late_until = days(1)
    save_enrollment(enrollment)

    refused = start_topic(client, luis, closed_week, "Luis tarde")
    accepted = start_topic(client, ana, closed_week, "Ana tarde")

    assert refused.status_code == 403
    assert accepted.status_code == 302
    assert Topic.objects.filter(subject="Ana tarde", poster=ana).exists()


def test_an_extension_that_has_passed_grants_nothing(client, course, closed_week):
    ana = member(course, "ana")
    enrollment = Enrollment.objects.get(course=course, user=ana)
    enrollment.late_until = days(-1)
    save_enrollment(enrollment)

    assert start_topic(client, ana, closed_week, "Tarde").status_code == 403


def test_removing_an_extension_removes_the_members_rows(course, closed_week):
    ana = member(course, "ana")
    enrollment = Enrollment.objects.get(course=course, user=ana)
    enrollment.late_until = days(1)
    save_enrollment(enrollment)
    assert UserForumPermission.objects.filter(user=ana).exists()

    enrollment.late_until = None
    save_enrollment(enrollment)

    assert not UserForumPermission.objects.filter(user=ana).exists()


def test_an_extension_touches_no_week_still_open_or_upcoming(course, week, closed_week, organizer):
    week.save_revision(user=organizer).publish(user=organizer)
    ana = member(course, "ana")
    enrollment = Enrollment.objects.get(course=course, user=ana)
    enrollment.late_until = days(1)
    save_enrollment(enrollment)

    forums = set(UserForumPermission.objects.filter(user=ana).values_list("forum_id", flat=True))

    assert forums == {WeekForum.objects.get(week=closed_week).forum_id}


def test_syncing_twice_keeps_the_extension_rows(course, closed_week):
    ana = member(course, "ana")
    enrollment = Enrollment.objects.get(course=course, user=ana)
    enrollment.late_until = days(1)
    save_enrollment(enrollment)
    before = set(UserForumPermission.objects.filter(user=ana).values_list("pk", flat=True))

    sync_course_permissions(course)

    assert set(UserForumPermission.objects.filter(user=ana).values_list("pk", flat=True)) == before


def test_organizers_set_an_extension_in_the_enrollment_admin(client, course, organizer):
    ana = member(course, "ana")
    enrollment = Enrollment.objects.get(course=course, user=ana)
    client.force_login(organizer)

    response = client.post(
        reverse("enrollments:edit", args=[enrollment.pk]),
        {"course": course.pk, "user": ana.pk, "role": Role.PARTICIPANT, "week": "",
         "late_until": days(4).isoformat()},
    )  # fmt: skip

    assert response.status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.late_until == days(4)


def test_a_closed_week_within_its_allowance_grants_participants_write():
    assert "can_start_new_topics" in week_grants(Role.PARTICIPANT, WeekState.CLOSED, late=True)
    assert "can_start_new_topics" not in week_grants(Role.PARTICIPANT, WeekState.CLOSED)
    assert "can_start_new_topics" not in week_grants(Role.TRANSLATOR, WeekState.CLOSED, late=True)


def topic_page(client, user, topic) -> str:
    client.force_login(user)
    return client.get(topic_url(topic)).content.decode()


def test_organizers_see_a_late_label_on_a_post_made_after_the_week_closed(
    client, course, closed_week, organizer
):
    ana = member(course, "ana")
    allow_late_posts(closed_week, days(2))
    start_topic(client, ana, closed_week, "Tarde")
    topic = Topic.objects.get(subject="Tarde")

    assert 'class="badge badge-warning post-late"' in topic_page(client, organizer, topic)
    assert "post-late" not in topic_page(client, ana, topic)


def test_a_post_in_an_open_week_is_not_labelled_late(client, course, week, organizer):
    week.save_revision(user=organizer).publish(user=organizer)
    ana = member(course, "ana")
    start_topic(client, ana, week, "A tiempo")

    assert "post-late" not in topic_page(client, organizer, Topic.objects.get(subject="A tiempo"))


def test_the_participation_matrix_counts_late_posts(client, course, week, closed_week, organizer):
    week.save_revision(user=organizer).publish(user=organizer)
    ana = member(course, "ana")
    allow_late_posts(closed_week, days(2))
    start_topic(client, ana, closed_week, "Tarde")
    start_topic(client, ana, week, "A tiempo")

    weeks, rows = progress_matrix(course, role=Role.PARTICIPANT)

    (row,) = rows
    by_week = dict(zip([w.pk for w in weeks], row.cells, strict=True))
    assert by_week[closed_week.pk] == (1, 1)
    assert by_week[week.pk] == (1, 0)
