"""How many notices a member has not read: the header shows it on every page.

Kept in the shared cache per member (one query a page before) and forgotten by every write
that changes it: notices created (`events`, in bulk: no signal), read (`views`), and any
notice saved or deleted (receivers in notifications/apps.py: a post deleted takes its
notices with it). Forgotten now and again once committed, as a read in between may have
kept the count as it was. Only where the cache is shared between processes: the worker
creates notices, and on the embedded default its cache is not the web's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.cache import cache

from members.kept import now_and_at_commit
from members.request_memo import shared_cache

from .models import Notice

KEPT_SECONDS = 600


def _key(user_id: int) -> str:
    return f"puentes:unread-notices:{user_id}"


def unread_count(user: Any) -> int:
    def count() -> int:
        return Notice.objects.filter(recipient=user, read_at__isnull=True).count()

    if not shared_cache():
        return count()
    return int(cache.get_or_set(_key(user.pk), count, KEPT_SECONDS) or 0)


def forget_unread(user_ids: Iterable[int]) -> None:
    keys = [_key(user_id) for user_id in set(user_ids)]
    if keys:
        now_and_at_commit(lambda: cache.delete_many(keys))


def notice_written(sender: Any, instance: Notice, **kwargs: Any) -> None:
    """A receiver: a notice saved or deleted."""
    forget_unread([instance.recipient_id])
