"""Claims that last as long as their worker: a short lease, renewed while the worker lives.

A run claims its rows by setting ``retry_at`` ahead: nobody takes a row before then. In a
worker, each process runs a heartbeat thread (started with its first task, cms/celery.py)
that renews, every third of :func:`lease`, the claims of the runs it is running. A
process that dies (killed, out of memory, its machine gone) renews nothing: its rows are
due again one lease later (30 s), and the frequent sweep (translations/tasks.py) sends a
task that another worker takes. A claim made with no heartbeat in the process (a task
run in place, a script) keeps the longer window its caller gives.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from translations.models import PostTranslation, TextTranslation

logger = logging.getLogger(__name__)

Status = PostTranslation.Status


def lease() -> timedelta:
    """How long a claim holds without a heartbeat (settings.TRANSLATION_CLAIM_LEASE, s)."""
    return timedelta(seconds=settings.TRANSLATION_CLAIM_LEASE)


class Heartbeat:
    """The claims of this process's runs, and the renewal of their lease."""

    def __init__(self, lease: timedelta) -> None:
        self.lease = lease
        self.pid = os.getpid()
        self.posts: set[int] = set()
        self.texts: set[int] = set()
        self._lock = threading.Lock()
        self._stopped = threading.Event()

    @contextlib.contextmanager
    def holding(self, *, posts: Iterable[int] = (), texts: Iterable[int] = ()) -> Iterator[None]:
        """While the block runs, the claims on these posts' and texts' rows are renewed."""
        posts, texts = set(posts), set(texts)
        with self._lock:
            self.posts |= posts
            self.texts |= texts
        try:
            yield
        finally:
            with self._lock:  # after a renewal under way: the caller's next write wins
                self.posts -= posts
                self.texts -= texts

    def beat(self, now: datetime | None = None) -> int:
        """Renew the held claims to ``now`` + lease; returns the rows renewed.

        Only claims: a row done, failed, or given a later retry time is left alone.
        """
        with self._lock:
            if not (self.posts or self.texts):
                return 0  # most beats: no query at all
            until = (now or timezone.now()) + self.lease
            held = {"status": Status.PENDING, "retry_at__isnull": False, "retry_at__lt": until}
            renewed = 0
            if self.posts:
                renewed += PostTranslation.objects.filter(post_id__in=self.posts, **held).update(
                    retry_at=until
                )
            if self.texts:
                renewed += TextTranslation.objects.filter(pk__in=self.texts, **held).update(
                    retry_at=until
                )
            return renewed

    def run(self) -> None:
        while not self._stopped.wait(self.lease.total_seconds() / 3):
            try:
                self.beat()
            except Exception:  # a database gone for a moment: the next beat tries again
                logger.warning("Heartbeat: claims not renewed", exc_info=True)
            finally:
                connection.close()  # this thread's own; none left open between beats

    def stop(self) -> None:
        self._stopped.set()


_current: Heartbeat | None = None
_starting = threading.Lock()


def current() -> Heartbeat | None:
    """This process's running heartbeat (a forked pool process has none of its parent's)."""
    beating = _current
    return beating if beating is not None and beating.pid == os.getpid() else None


def start() -> Heartbeat:
    """Start this process's heartbeat thread, once (a worker's first task does)."""
    global _current
    with _starting:
        beating = current()
        if beating is None:
            beating = Heartbeat(lease())
            threading.Thread(target=beating.run, name="claims-heartbeat", daemon=True).start()
            _current = beating
        return beating


def claim_until(now: datetime, without_heartbeat: timedelta) -> datetime:
    """Until when a claim made ``now`` holds: one lease with a heartbeat, else the window."""
    beating = current()
    return now + (beating.lease if beating is not None else without_heartbeat)


@contextlib.contextmanager
def holding(*, posts: Iterable[int] = (), texts: Iterable[int] = ()) -> Iterator[None]:
    beating = current()
    if beating is None:
        yield
        return
    with beating.holding(posts=posts, texts=texts):
        yield
