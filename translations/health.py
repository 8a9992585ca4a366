"""The engine's health check: what waits on the engine goes again once it answers.

Translations whose every retry failed while the engine was down stay failed; so would
organizers have to press "retry" for each. Instead, while some wait on the engine (failed
ones that may pass, or pending ones whose next retry is minutes away), beat runs
:func:`check` every few seconds: a one-word probe (at most every PROBE_CAP while the engine
stays down), and when the engine answers, they are pending again and a task is sent. The
organizers' "Failed translations" view and its button stay: a failure that cannot pass (a
rejected key) waits for them, as does a row that failed again after AUTO_RETRY_DELAYS
were used up.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import F, Q
from django.utils import timezone

from translations import pipeline, texts
from translations.engines import Engine
from translations.errors import TranslationError
from translations.heartbeat import lease
from translations.models import PostTranslation, TextTranslation

logger = logging.getLogger(__name__)

Status = PostTranslation.Status

#: After the n-th automatic retry failed again, the next one waits AUTO_RETRY_DELAYS[n]; a
#: row that failed more often waits for an organizer. The first goes once the engine
#: answers: the failure was the engine being down.
AUTO_RETRY_DELAYS = (timedelta(0), timedelta(minutes=10), timedelta(hours=1), timedelta(hours=6))
#: The probe waits PROBE_BASE after a failed probe, doubling up to PROBE_CAP.
PROBE_BASE = 5.0
PROBE_CAP = 30.0
PROBE_TEXT = "Hola"
_STATE_KEY = "translations:engine-health"


def retryable_failures(now: datetime) -> Q:
    """Failed rows the health check may put back: a failure that may pass, its delay over."""
    return Q(status=Status.FAILED, retry_at__isnull=False) & Q(
        *[
            Q(auto_retries=count, retry_at__lte=now - delay)
            for count, delay in enumerate(AUTO_RETRY_DELAYS)
        ],
        _connector=Q.OR,
    )


def backing_off(now: datetime) -> Q:
    """Pending rows waiting out a retry delay after an engine error (not a live claim)."""
    return Q(status=Status.PENDING, retry_at__gt=now + lease()) & ~Q(last_error="")


def waiting(now: datetime | None = None) -> bool:
    """Whether anything waits on the engine; one or two indexed queries, most often none."""
    now = now or timezone.now()
    waits = retryable_failures(now) | backing_off(now)
    return (
        PostTranslation.objects.filter(waits).exists()
        or TextTranslation.objects.filter(waits).exists()
    )


def probe(engine: Engine) -> bool:
    try:
        engine.translate_batch([PROBE_TEXT], "es", "en")
    except TranslationError as error:
        logger.info("Translation engine still unavailable: %s", error)
        return False
    return True


def probe_due(now: float) -> bool:
    state = cache.get(_STATE_KEY) or {}
    return now >= state.get("next", 0.0)


def note_probe(now: float, *, answered: bool) -> None:
    """Back off while the engine stays down (the cache is shared by workers with Redis)."""
    if answered:
        cache.delete(_STATE_KEY)
        return
    failures = (cache.get(_STATE_KEY) or {}).get("failures", 0) + 1
    delay = min(PROBE_BASE * 2 ** (failures - 1), PROBE_CAP)
    cache.set(_STATE_KEY, {"failures": failures, "next": now + delay}, timeout=3600)


def check(*, engine: Engine | None = None) -> int | None:
    """Probe the engine if anything waits on it; when it answers, put back what waits.

    Returns how many rows went back (None: nothing waited, or the engine did not answer).
    """
    if not waiting():
        return None
    clock = time.time()
    if not probe_due(clock):
        return None
    answered = probe(engine or pipeline.configured_engine())
    note_probe(clock, answered=answered)
    return retry_waiting() if answered else None


def retry_waiting(now: datetime | None = None) -> int:
    """The engine answers: rows failed or backing off are due now, and a task is sent."""
    now = now or timezone.now()
    count = 0
    for model in (PostTranslation, TextTranslation):
        failed = model.objects.filter(retryable_failures(now))
        count += failed.update(
            status=Status.PENDING,
            attempts=0,
            auto_retries=F("auto_retries") + 1,
            retry_at=None,
            last_error="",
        )
        count += model.objects.filter(backing_off(now)).update(retry_at=None)
    oldest = (
        PostTranslation.objects.filter(status=Status.PENDING, retry_at__isnull=True)
        .order_by("requested_at")
        .values_list("post_id", flat=True)
        .first()
    )
    if oldest is not None:
        pipeline.announce(oldest)  # one task takes a batch and announces the rest
    if TextTranslation.objects.filter(status=Status.PENDING, retry_at__isnull=True).exists():
        texts.announce_texts()
    if count:
        logger.info("Translation engine answers again: %s translations queued again", count)
    return count
