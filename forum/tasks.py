"""Periodic forum upkeep."""

from __future__ import annotations

from celery import shared_task

from .permissions import sync_all_course_permissions


@shared_task(acks_late=True)
def sync_course_permissions_daily() -> int:
    """Weeks open and close with the date: re-derive every course's grants (safe to repeat)."""
    return sync_all_course_permissions()
