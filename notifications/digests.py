"""Daily and weekly digests, at each member's local morning.

Every quarter of an hour beat looks for the members who chose a digest, whose clock (their
``time_zone``) has passed their ``digest_hour`` today (for a weekly digest: on a Monday),
and who have had no digest for today. Each gets one outbox email (key
``digest:<daily|weekly>:<user id>:<local date>``, so two beats never make two) covering
the notices since their last digest; nothing new, no email. What it says is rendered when
sent (`emails.digest_message`), with only what the member may still read.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Email, EmailChoice, Notice, NotificationSettings
from .outbox import queue_email

PERIODS = {EmailChoice.DAILY: timedelta(days=1), EmailChoice.WEEKLY: timedelta(days=7)}


def local_zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def digest_key(choice: str, user_id: int, day) -> str:
    return f"digest:{choice}:{user_id}:{day.isoformat()}"


def due_today(row: NotificationSettings, now: datetime) -> bool:
    """Whether the member's morning has come (a Monday, for a weekly digest)."""
    local = now.astimezone(local_zone(row.time_zone))
    if row.email == EmailChoice.WEEKLY and local.weekday() != 0:
        return False
    return local.hour >= row.digest_hour


def make_digest(row: NotificationSettings, now: datetime) -> Email | None:
    """The member's digest for today, if due and there is something to tell."""
    if not due_today(row, now):
        return None
    zone = local_zone(row.time_zone)
    day = now.astimezone(zone).date()
    if row.last_digest_at is not None:
        last = row.last_digest_at.astimezone(zone)
        if last.date() == day and last.hour >= row.digest_hour:
            return None  # this morning's digest is done (sent, or there was nothing)
    key = digest_key(row.email, row.user_id, day)
    if Email.objects.filter(key=key).exists():
        return None
    start = row.last_digest_at or now - PERIODS[EmailChoice(row.email)]
    with transaction.atomic():
        locked = NotificationSettings.objects.select_for_update().get(pk=row.pk)
        if locked.last_digest_at != row.last_digest_at:
            return None  # another beat got there first
        locked.last_digest_at = now
        locked.save(update_fields=["last_digest_at"])
        news = Notice.objects.filter(
            recipient_id=row.user_id,
            read_at__isnull=True,
            created_at__gte=start,
            created_at__lt=now,
        ).exists()
        if not news:
            return None
        return queue_email(
            key=key,
            recipient=row.user,
            kind=Email.Kind.DIGEST,
            period_start=start,
            period_end=now,
        )


def make_digests(now: datetime | None = None) -> list[Email]:
    now = now or timezone.now()
    rows = NotificationSettings.objects.filter(
        email__in=[EmailChoice.DAILY, EmailChoice.WEEKLY], user__is_active=True
    ).select_related("user")
    made = []
    for row in rows:
        email = make_digest(row, now)
        if email is not None:
            made.append(email)
    return made


@shared_task(name="notifications.digests.send_digests", ignore_result=True)
def send_digests() -> int:
    """Beat, every 15 minutes: the digests whose morning has come."""
    return len(make_digests())
