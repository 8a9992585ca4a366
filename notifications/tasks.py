"""Events that come with the date, not with a save (Celery beat, cms/settings/base.py).

Each task is safe to run again: a week's opening and closing reminder are told once per
member (`events.ONCE_PER_PAGE`), failed translations once per failure.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from celery import shared_task
from django.urls import reverse
from django.utils import timezone

from courses.models import CoursePage, WeekPage
from forum.models import WeekForum
from translations.models import PostTranslation, TextTranslation

from . import recipients
from .events import notify
from .models import Event, Notice

#: The reminder goes this many days before a week closes.
CLOSING_REMINDER_DAYS = 2

Status = PostTranslation.Status


def _open_weeks(**dates) -> list[WeekPage]:
    """Live weeks on those dates whose forum is shown."""
    shown = WeekForum.objects.filter(hidden=False).values("week_id")
    return list(WeekPage.objects.live().filter(pk__in=shown, **dates).order_by("pk"))


@shared_task(acks_late=True)
def notify_week_openings(today: str | None = None) -> int:
    """Weeks opening today: their course's members are told (readings and questions)."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    told = 0
    for week in _open_weeks(opens_on=day):
        course = week.course
        if course is not None:
            told += len(notify(Event.WEEK_OPENS, recipients.course_members(course), page=week))
    return told


@shared_task(acks_late=True)
def remind_week_closing(today: str | None = None) -> int:
    """Weeks closing in CLOSING_REMINDER_DAYS days: those who have not posted are reminded."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    closing = day + dt.timedelta(days=CLOSING_REMINDER_DAYS)
    told = 0
    for week in _open_weeks(closes_on=closing, opens_on__lte=day):
        told += len(notify(Event.WEEK_CLOSING, recipients.silent_members(week), page=week))
    return told


@shared_task(acks_late=True)
def notify_failed_translations() -> int:
    """Translations given up after every retry, told to their course's organizers: one
    notice per organizer and run (hourly) with the count, each failure told once (again if
    it fails again after an organizer's retry)."""
    failed: dict[int, dict[str, list[int]]] = defaultdict(lambda: {"posts": [], "texts": []})
    told_before: dict[int, list[tuple[dict, dt.datetime]]] = {}
    # The course is the one whose glossary applies (recorded by the app that asked).
    for kind, model, course_field in (
        ("posts", PostTranslation, "glossary"),
        ("texts", TextTranslation, "source__glossary"),
    ):
        rows = model.objects.filter(status=Status.FAILED, **{f"{course_field}__isnull": False})
        for pk, course_id, requested_at in rows.values_list("pk", course_field, "requested_at"):
            if course_id not in told_before:
                told_before[course_id] = _told(course_id)
            if not _already_told(told_before[course_id], kind, pk, requested_at):
                failed[course_id][kind].append(pk)
    told = 0
    for course_id, found in sorted(failed.items()):
        course = CoursePage.objects.filter(pk=course_id).first()
        if course is None:
            continue
        count = len(found["posts"]) + len(found["texts"])
        data = {"course": course_id, "count": count, **found}
        told += len(
            notify(
                Event.TRANSLATION_FAILED,
                recipients.organizers(course),
                url=reverse("failed_translations"),
                data=data,
            )
        )
    return told


def _already_told(
    told: list[tuple[dict, dt.datetime]], kind: str, pk: int, requested_at: dt.datetime
) -> bool:
    """Whether a notice made after the row's last request already counted it."""
    return any(
        pk in (data.get(kind) or []) and created_at >= requested_at for data, created_at in told
    )


def _told(course_id: int) -> list[tuple[dict, dt.datetime]]:
    """The counts already sent for the course: (data, when)."""
    return list(
        Notice.objects.filter(event=Event.TRANSLATION_FAILED, data__course=course_id)
        .order_by("-created_at")
        .values_list("data", "created_at")
    )
