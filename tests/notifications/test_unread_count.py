"""The header's count of unread notices, kept between requests where the cache is shared
(notifications/unread.py): read once, and right again at once after every write that
changes it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from notifications.events import notify
from notifications.models import Event, Notice
from notifications.unread import unread_count
from tests.forum.helpers import grant, member
from tests.notifications.test_centre_notices import forum_week, reader_of, spanish_reply

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(shared_file_cache, forum, client):
    reader = reader_of(forum)
    client.force_login(reader)
    return reader


def header_count(client) -> int:
    html = client.get("/forum/").content.decode()
    found = re.search(r'data-unread-count="(\d+)"', html)
    return int(found.group(1)) if found else 0


def test_the_count_is_read_once(reader, django_assert_num_queries):
    Notice.objects.create(recipient=reader, event=Event.ALERT)
    assert unread_count(reader) == 1

    with django_assert_num_queries(0):
        assert unread_count(reader) == 1


def test_notices_made_in_bulk_are_counted_at_once(client, reader, forum):
    assert header_count(client) == 0

    assert notify(Event.WEEK_OPENS, [reader], page=forum_week(forum))

    assert header_count(client) == 1


def test_a_notice_opened_or_all_marked_read_leave_the_count_at_once(client, reader, forum):
    first, _second = (Notice.objects.create(recipient=reader, event=Event.ALERT) for _ in range(2))
    assert header_count(client) == 2

    client.get(reverse("notifications:open", args=[first.pk]))
    assert header_count(client) == 1

    client.post(reverse("notifications:mark_all_read"))
    assert header_count(client) == 0


def test_a_notice_gone_with_its_post_leaves_the_count_at_once(client, reader, forum):
    post = spanish_reply(forum)
    Notice.objects.create(recipient=reader, event=Event.REPLY, post=post)
    assert header_count(client) == 1

    post.delete()

    assert header_count(client) == 0


def test_another_members_notices_are_not_counted(client, reader, forum):
    other = member("en")
    grant(other, forum)
    Notice.objects.create(recipient=other, event=Event.ALERT)

    assert header_count(client) == 0
