"""Getting the work to a worker: tasks sent, shared by a burst, retried, swept.

Nothing here loses a post: a task that cannot be sent leaves the rows pending and clears
the queue's mark (:func:`announce`), and :func:`sweep_due` (every few seconds, from beat)
sends a task as soon as the broker answers again; it does the same for rows whose worker
died (their claim's lease ran out, translations/heartbeat.py). :func:`sweep_pending`
(every five minutes) sends each post that waited too long a task of its own.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta
from functools import partial

from celery import current_app
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from translations.errors import PermanentTranslationError, TranslationError
from translations.models import PostTranslation, TranslationQueue

logger = logging.getLogger(__name__)

Status = PostTranslation.Status

#: How long a pending translation may wait before the sweep queues it again.
PENDING_GRACE = timedelta(minutes=10)
#: How long a sent task counts as waiting for a worker, so that saves send none of their own
#: (and the frequent sweep neither): a message the broker lost is replaced after this.
COALESCE_WINDOW = timedelta(seconds=30)
#: How long a due row waits for its own task before the frequent sweep sends one.
SWEEP_DELAY = timedelta(seconds=5)
#: The task that runs :func:`translate_pending`, sent by name: the pipeline never imports
#: its own task module (``translations.tasks`` imports the pipeline, one way).
TRANSLATE_POST_TASK = "translations.tasks.translate_post"


def due_at(now) -> Q:
    """Pending rows nobody holds: never claimed, or their claim or retry delay is over."""
    return Q(retry_at__isnull=True) | Q(retry_at__lte=now)


def announce(post_id: int) -> bool:
    """Queue the post's task, unless one sent moments ago still waits for a worker.

    That waiting task takes every due post along when it starts (see :func:`claim_batch`),
    so a burst of saves sends a few messages, not one each. It is safe because a run marks
    the queue picked up (:func:`picked_up`) before it claims: a save that still found the
    mark recent had committed its rows before the claim could read them. A run that takes a
    full batch announces the rest; a mark left by a lost message expires after
    COALESCE_WINDOW, and the sweep queues whatever is left. Returns True if a task was sent.
    """
    now = timezone.now()
    mark = TranslationQueue.objects.filter(pk=1)
    stale = Q(waiting_since__isnull=True) | Q(waiting_since__lt=now - COALESCE_WINDOW)
    if mark.exclude(stale).exists():
        return False  # most saves of a burst: a read, no write lock
    if not mark.filter(stale).update(waiting_since=now):
        _row, created = TranslationQueue.objects.get_or_create(
            pk=1, defaults={"waiting_since": now}
        )
        if not created:
            return False  # a task sent moments ago will take this post along
    if queue_post_translation(post_id):
        return True
    mark.update(waiting_since=None)  # nothing is waiting after all: the next save sends
    return False


def picked_up() -> None:
    """A run starts: the next save sends a task again (see :func:`announce`)."""
    TranslationQueue.objects.filter(pk=1, waiting_since__isnull=False).update(waiting_since=None)


def queue_post_translation(post_id: int) -> bool:
    """Send the task; a broker that is down loses nothing, the sweep sends it again."""
    try:
        # ignore_result as the task declares it, so a result backend never waits for one;
        # the queue comes from CELERY_TASK_ROUTES, which routes by task name.
        current_app.send_task(TRANSLATE_POST_TASK, args=[post_id], ignore_result=True)
    except Exception:  # any broker failure: the rows stay pending for the sweep
        logger.warning("Broker unavailable: translation of post %s left to the sweep", post_id)
        return False
    return True


def announce_rest(post_ids: list[int], batch: int) -> None:
    """After a full batch, the due posts left over get a task (on another worker, if any)."""
    if batch <= 1 or len(post_ids) < batch:
        return  # the claim took every due post; later saves announce themselves
    now = timezone.now()
    left = (
        PostTranslation.objects.filter(status=Status.PENDING)
        .filter(due_at(now))
        .order_by("requested_at")
        .values_list("post_id", flat=True)
        .first()
    )
    if left is not None:
        announce(left)


def release_claims(post_ids: list[int]) -> None:
    """A failed run hands the posts it took along back, each to its own task and retries."""
    if not post_ids:
        return
    PostTranslation.objects.filter(post_id__in=post_ids, status=Status.PENDING).update(
        retry_at=None
    )
    for other in post_ids:
        queue_post_translation(other)


def schedule_retry(post_id: int, *, countdown: float, error: TranslationError) -> None:
    PostTranslation.objects.filter(post_id=post_id, status=Status.PENDING).update(
        retry_at=timezone.now() + timedelta(seconds=countdown), last_error=str(error)[:2000]
    )


def mark_failed(post_id: int, *, error: TranslationError | str) -> int:
    """After the last retry: organizers see the translation as failed, with a retry action.

    A failure that may pass (the engine down, the database busy) is stamped with its time
    in ``retry_at``: the health check retries it once the engine answers again
    (translations/health.py). A permanent one (a rejected key) waits for an organizer.
    """
    permanent = isinstance(error, PermanentTranslationError)
    return PostTranslation.objects.filter(post_id=post_id, status=Status.PENDING).update(
        status=Status.FAILED,
        last_error=str(error)[:2000] or "Translation failed.",
        retry_at=None if permanent else timezone.now(),
    )


def retry_failed(translation_ids: Iterable[int]) -> int:
    """An organizer's retry: failed rows go back to pending and their posts are queued."""
    rows = PostTranslation.objects.filter(pk__in=list(translation_ids), status=Status.FAILED)
    post_ids = set(rows.values_list("post_id", flat=True))
    count = rows.update(
        status=Status.PENDING,
        attempts=0,
        auto_retries=0,
        retry_at=None,
        last_error="",
        requested_at=timezone.now(),
    )
    for post_id in post_ids:
        transaction.on_commit(partial(announce, post_id))
    return count


def retranslate_posts(post_ids: Iterable[int], *, glossary: int | None = None) -> int:
    """Machine-translate these posts again with `glossary` (it changed); a translator's text
    stays.

    Reviewed rows are left alone: their source did not change, and a translator already
    chose their words.
    """
    rows = PostTranslation.objects.filter(post_id__in=list(post_ids), reviewed_at__isnull=True)
    queued = sorted(set(rows.values_list("post_id", flat=True)))
    count = rows.update(
        status=Status.PENDING,
        attempts=0,
        retry_at=None,
        last_error="",
        requested_at=timezone.now(),
        glossary=glossary,
    )
    for post_id in queued:
        transaction.on_commit(partial(announce, post_id))
    return count


def sweep_pending(*, grace: timedelta = PENDING_GRACE) -> list[int]:
    """Queue again the posts whose pending translations nobody has touched for a while."""
    cutoff = timezone.now() - grace
    stale = PostTranslation.objects.annotate(due=Coalesce("retry_at", "requested_at")).filter(
        status=Status.PENDING, due__lt=cutoff
    )
    post_ids = sorted(set(stale.values_list("post_id", flat=True)))
    if post_ids:
        # Expected to be handled within the grace period; not queued again before then.
        PostTranslation.objects.filter(Q(post_id__in=post_ids) & Q(status=Status.PENDING)).update(
            retry_at=timezone.now()
        )
        for post_id in post_ids:
            queue_post_translation(post_id)
    return post_ids


def sweep_due(*, delay: timedelta = SWEEP_DELAY) -> int | None:
    """Send a task when due translations wait and none is on its way (beat, every few s).

    Due rows that waited ``delay`` had their task lost (the broker was down when it was
    sent), or were claimed by a worker that died (the lease ran out), or wait for a retry
    whose message is gone. One task takes them all (a batch at a time, see
    :func:`claim_batch`); :func:`announce` sends none while one sent moments ago waits. Cheap:
    one indexed query when nothing waits. Returns the post the task was sent for.
    """
    now = timezone.now()
    oldest = (
        PostTranslation.objects.filter(status=Status.PENDING)
        .filter(due_at(now))
        .annotate(due=Coalesce("retry_at", "requested_at"))
        .filter(due__lte=now - delay)
        .order_by("requested_at")
        .values_list("post_id", flat=True)
        .first()
    )
    if oldest is not None and announce(oldest):
        return oldest
    return None
