"""Digests: built at each member's local morning, once a day (weekly: Mondays), with only
what they may still read, translated as on the site, in a fixed number of queries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from machina.test.factories import PostFactory

from notifications.digests import make_digests
from notifications.models import Email, EmailChoice, Event, Notice, NotificationSettings
from notifications.outbox import deliver
from tests.forum.helpers import course_forum, grant, member
from tests.translations.course_posts import course_post

from . import delivery_helpers
from .delivery_helpers import (
    finish_translation,
    parts,
    spanish_post_for_english_reader,
)

# The loopback SMTP server's fixtures (tests/notifications/delivery_helpers.py).
smtp_settings = delivery_helpers.smtp_settings
smtp_server = delivery_helpers.smtp_server

pytestmark = pytest.mark.django_db

# Monday 30 November 2026, 12:30 in UTC: 07:30 in Bogotá.
MONDAY_MORNING_BOGOTA = datetime(2026, 11, 30, 12, 30, tzinfo=UTC)


def choose(user, choice: str, *, zone: str = "America/Bogota", hour: int = 7):
    return NotificationSettings.objects.create(
        user=user, email=choice, time_zone=zone, digest_hour=hour
    )


def dated(notices, when: datetime) -> None:
    Notice.objects.filter(pk__in=[n.pk for n in notices]).update(created_at=when)


def test_a_daily_digest_is_made_once_the_members_morning_has_come():
    post, reader, notice = spanish_post_for_english_reader()
    choose(reader, EmailChoice.DAILY)
    dated([notice], MONDAY_MORNING_BOGOTA - timedelta(hours=3))

    assert make_digests(MONDAY_MORNING_BOGOTA - timedelta(minutes=31)) == []  # 06:59 there
    [email] = make_digests(MONDAY_MORNING_BOGOTA)

    assert email.key == f"digest:daily:{reader.pk}:2026-11-30"
    assert email.kind == Email.Kind.DIGEST
    assert email.period_end == MONDAY_MORNING_BOGOTA
    assert make_digests(MONDAY_MORNING_BOGOTA + timedelta(minutes=15)) == []  # once a day
    row = NotificationSettings.objects.get(user=reader)
    assert row.last_digest_at == MONDAY_MORNING_BOGOTA


def test_the_local_date_names_the_digest_in_the_members_time_zone():
    post, reader, notice = spanish_post_for_english_reader()
    choose(reader, EmailChoice.DAILY, zone="Asia/Tokyo", hour=7)
    dated([notice], MONDAY_MORNING_BOGOTA - timedelta(hours=3))

    # 12:30 UTC is 21:30 on Monday in Tokyo.
    [email] = make_digests(MONDAY_MORNING_BOGOTA)

    assert email.key.endswith(":2026-11-30")


def test_nothing_new_makes_no_digest_and_moves_the_period_on():
    reader = member("en")
    reader.email = "quiet@example.org"
    reader.save()
    choose(reader, EmailChoice.DAILY)

    assert make_digests(MONDAY_MORNING_BOGOTA) == []
    assert NotificationSettings.objects.get(user=reader).last_digest_at == MONDAY_MORNING_BOGOTA
    assert not Email.objects.filter(recipient=reader).exists()


def test_a_weekly_digest_goes_on_mondays_only():
    post, reader, notice = spanish_post_for_english_reader()
    choose(reader, EmailChoice.WEEKLY)
    dated([notice], MONDAY_MORNING_BOGOTA - timedelta(days=2))

    assert make_digests(MONDAY_MORNING_BOGOTA + timedelta(days=1)) == []  # Tuesday
    [email] = make_digests(MONDAY_MORNING_BOGOTA)
    assert email.key.startswith(f"digest:weekly:{reader.pk}:")


def test_the_digest_email_tells_only_what_the_member_may_still_read(smtp_server):
    post, reader, notice = spanish_post_for_english_reader()
    finish_translation(
        post, "en", subject="Meeting", content="The meeting is on Tuesday.", html="<p>x</p>"
    )
    private = course_forum()  # a course the reader is not in
    outsider = member("es")
    grant(outsider, private)
    secret = course_post(private, outsider, content="Secreto del grupo", language="es")
    hidden = Notice.objects.create(recipient=reader, event=Event.NEW_POST, post=secret)
    choose(reader, EmailChoice.DAILY)
    dated([notice, hidden], MONDAY_MORNING_BOGOTA - timedelta(hours=2))

    [email] = make_digests(MONDAY_MORNING_BOGOTA)
    deliver(email.pk)

    [message] = smtp_server.wait_for(1)
    text, html = parts(message)
    assert "daily digest" in message["Subject"]
    assert "The meeting is on Tuesday." in text
    assert "Machine-translated from Spanish" in text
    assert "Secreto" not in text
    assert "Secreto" not in html
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def digest_with(count: int) -> Email:
    """A daily digest of ``count`` replies by Spanish members, for one English reader."""
    forum = course_forum()
    reader = member("en")
    reader.email = f"{reader.username}@example.org"
    reader.save()
    grant(reader, forum)
    author = member("es")
    grant(author, forum)
    first = course_post(forum, author, content="Pregunta", language="es")
    notices = []
    for number in range(count):
        replier = member("es")
        grant(replier, forum)
        reply = PostFactory(topic=first.topic, poster=replier, content=f"Respuesta {number}")
        notices.append(
            Notice.objects.create(recipient=reader, event=Event.REPLY, actor=replier, post=reply)
        )
    choose(reader, EmailChoice.DAILY)
    dated(notices, MONDAY_MORNING_BOGOTA - timedelta(hours=1))
    [email] = [e for e in make_digests(MONDAY_MORNING_BOGOTA) if e.recipient_id == reader.pk]
    return email


def test_a_digest_takes_as_many_queries_for_many_notices_as_for_few(
    smtp_server, django_assert_max_num_queries
):
    few = digest_with(2)
    with CaptureQueriesContext(connection) as queries:
        deliver(few.pk)
    many = digest_with(12)

    with django_assert_max_num_queries(len(queries)):
        deliver(many.pk)

    messages = smtp_server.wait_for(2)
    assert len(messages) == 2
    text, _html = parts(messages[1])
    assert text.count("Read it on the site:") == 12


def test_a_member_who_withdrew_gets_no_digest_of_the_course(smtp_server):
    from courses.enrollment import withdraw
    from forum.course_of import course_of_forum

    post, reader, notice = spanish_post_for_english_reader(reads=["es"])
    choose(reader, EmailChoice.DAILY)
    dated([notice], MONDAY_MORNING_BOGOTA - timedelta(hours=2))
    [email] = make_digests(MONDAY_MORNING_BOGOTA)
    withdraw(course=course_of_forum(post.topic.forum_id), user=reader)

    deliver(email.pk)

    email.refresh_from_db()
    assert email.status == Email.Status.SKIPPED
    assert smtp_server.wait_for(1, timeout=0.5) == []
