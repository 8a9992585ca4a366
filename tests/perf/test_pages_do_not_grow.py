"""Pages that list what grows (forums, a member's posts, a course's members) run the same
number of queries whatever the size (issue #18: the forum index, "My progress" and the
organizers' participation page)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import Role
from tests.factories import WeekPageFactory
from tests.forum.participation_helpers import person, publish, question_topic, reply

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    client.get(url)  # the first request fills the per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_weeks(course, organizer, count: int) -> list:
    weeks = [WeekPageFactory(parent=course) for _ in range(count)]
    for week in weeks:
        publish(week, organizer)
    return weeks


def test_the_forum_index_runs_as_many_queries_for_many_forums_as_for_few(client, course, organizer):
    reader = person(course, "reader")
    weeks = add_weeks(course, organizer, 2)
    for week in weeks:
        reply(question_topic(week), reader, "Una respuesta.", "es")
    client.force_login(reader)
    few = queries(client, "/forum/")

    for week in add_weeks(course, organizer, 4):
        reply(question_topic(week), person(course, f"poster-{week.pk}"), "Otra.", "es")
    many = queries(client, "/forum/")

    assert many <= few, (few, many)


def test_my_progress_runs_as_many_queries_for_many_posts_as_for_few(client, course, organizer):
    weeks = add_weeks(course, organizer, 3)
    ana = person(course, "ana", language="es")
    reply(question_topic(weeks[0]), ana, "Una.", "es")
    client.force_login(ana)
    few = queries(client, reverse("my_progress"))

    for index in range(30):
        reply(question_topic(weeks[index % 3], index % 2), ana, f"Respuesta {index}.", "es")
    many = queries(client, reverse("my_progress"))

    assert many <= few, (few, many)


def test_my_progress_counts_every_post_and_links_a_bounded_few(client, course, organizer):
    [week] = add_weeks(course, organizer, 1)
    ana = person(course, "ana", language="es")
    posts = [reply(question_topic(week), ana, f"Respuesta {i}.", "es") for i in range(12)]
    client.force_login(ana)

    html = client.get(reverse("my_progress")).content.decode()

    assert "12" in html
    # The latest posts are linked, the oldest are not.
    assert f"?post={posts[-1].pk}" in html
    assert f"?post={posts[0].pk}" not in html


def test_the_participation_page_runs_as_many_queries_for_many_members_as_for_few(
    client, course, organizer
):
    [week] = add_weeks(course, organizer, 1)
    topic = question_topic(week)
    for index in range(2):
        reply(topic, person(course, f"member-{index}", region="Bolivia"), "Hola.", "es")
    client.force_login(organizer)
    url = reverse("course_participation", args=[course.pk])
    few = queries(client, url)

    for index in range(2, 30):
        role = Role.KEY_RESPONDENT if index % 5 == 0 else Role.PARTICIPANT
        member = person(
            course, f"member-{index}", role, region="Québec",
            week=week if role == Role.KEY_RESPONDENT else None,
        )  # fmt: skip
        reply(topic, member, "Bonjour.", "fr")
    many = queries(client, url)

    assert many <= few, (few, many)


def test_the_forum_index_does_not_compute_the_grants_again_on_each_request(
    client, course, organizer, monkeypatch
):
    """machina computes a member's grants from every permission row of every forum: work
    that grows with the forums. The second request reads them from the cache."""
    from machina.apps.forum_permission.checker import ForumPermissionChecker

    reader = person(course, "reader")
    weeks = add_weeks(course, organizer, 2)
    client.force_login(reader)
    client.get("/forum/")
    computed = []
    compute = ForumPermissionChecker.get_perms_for_forumlist

    def counting(self, forums, perm_codenames=None):
        computed.append(perm_codenames)
        return compute(self, forums, perm_codenames)

    monkeypatch.setattr(ForumPermissionChecker, "get_perms_for_forumlist", counting)

    assert client.get("/forum/").status_code == 200
    assert computed == []
    # A new post saves its forum's trackers: no grant changed.
    reply(question_topic(weeks[0]), reader, "Una respuesta.", "es")
    assert client.get("/forum/").status_code == 200
    assert computed == []


def test_a_member_who_leaves_the_course_stops_seeing_its_forums_at_once(client, course, organizer):
    from courses.enrollment import withdraw
    from tests.forum.participation_helpers import week_forum

    [week] = add_weeks(course, organizer, 1)
    reader = person(course, "reader")
    forum = week_forum(week)
    client.force_login(reader)
    assert f"-{forum.pk}/" in client.get("/forum/").content.decode()

    withdraw(course=course, user=reader)

    assert f"-{forum.pk}/" not in client.get("/forum/").content.decode()


def test_a_member_who_joins_the_course_sees_its_forums_at_once(client, course, organizer):
    from courses.enrollment import enroll
    from tests.factories import UserFactory
    from tests.forum.participation_helpers import week_forum

    [week] = add_weeks(course, organizer, 1)
    forum = week_forum(week)
    newcomer = UserFactory(username="newcomer")
    client.force_login(newcomer)
    assert f"-{forum.pk}/" not in client.get("/forum/").content.decode()

    enroll(course=course, user=newcomer, role=Role.PARTICIPANT)

    assert f"-{forum.pk}/" in client.get("/forum/").content.decode()


def test_the_forum_index_compares_each_forum_a_bounded_number_of_times(
    client, course, organizer, monkeypatch
):
    """machina's list asks for every forum whether it is among the unread and the visible
    ones, each a scan of every forum: the work grew with the square of the forums."""
    from machina.core.db.models import get_model

    Forum = get_model("forum", "Forum")
    reader = person(course, "reader")
    client.force_login(reader)
    compared = []
    compare = Forum.__eq__

    def counting(self, other):
        compared.append(1)
        return compare(self, other)

    monkeypatch.setattr(Forum, "__eq__", counting)

    def comparisons_per_forum(weeks: int) -> float:
        add_weeks(course, organizer, weeks)
        client.get("/forum/")
        compared.clear()
        assert client.get("/forum/").status_code == 200
        return len(compared) / Forum.objects.count()

    few = comparisons_per_forum(2)
    many = comparisons_per_forum(10)

    assert many <= few + 1, (few, many)
