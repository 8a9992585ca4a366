"""Celery tasks: take ids, re-fetch, call the pipeline; safe to run twice."""

from __future__ import annotations

import contextlib
import random

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import OperationalError

from translations import health, pipeline, texts
from translations.errors import PermanentTranslationError, TransientTranslationError

MAX_RETRIES = 6
BACKOFF_BASE = 15  # seconds
BACKOFF_CAP = 3600  # the broker's visibility timeout must stay above this


def backoff(retries: int, retry_after: float | None = None) -> float:
    """Exponential backoff with jitter, never sooner than the provider asked."""
    ceiling = min(BACKOFF_CAP, BACKOFF_BASE * 2**retries)
    delay = random.uniform(ceiling / 2, ceiling)  # noqa: S311 -- jitter, not cryptography
    return max(delay, retry_after or 0)


@shared_task(
    name=pipeline.TRANSLATE_POST_TASK,  # the name the pipeline sends it by
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RETRIES,
    soft_time_limit=240,
    time_limit=300,
    ignore_result=True,  # nobody reads it; the rows in the database are the result
)
def translate_post(self, post_id: int) -> list[str]:
    # A retry or a redelivery (the worker died) may take back its post's claimed rows.
    again = self.request.retries > 0 or bool((self.request.delivery_info or {}).get("redelivered"))
    try:
        return pipeline.translate_pending(
            post_id, batch=settings.TRANSLATION_BATCH_POSTS, is_retry=again
        ).translated
    except PermanentTranslationError as error:
        pipeline.mark_failed(post_id, error=error)
        return []
    except (TransientTranslationError, SoftTimeLimitExceeded, OperationalError) as error:
        # A busy database or a slow engine: worth another go later, like an engine error.
        if isinstance(error, SoftTimeLimitExceeded):
            error = TransientTranslationError("The translation took too long.")
        elif isinstance(error, OperationalError):
            error = TransientTranslationError(f"Database unavailable: {error}")
        if self.request.retries >= self.max_retries:
            pipeline.mark_failed(post_id, error=error)
            return []
        countdown = backoff(self.request.retries, error.retry_after)
        with contextlib.suppress(OperationalError):  # the retry matters more than the note
            pipeline.schedule_retry(post_id, countdown=countdown, error=error)
        raise self.retry(exc=error, countdown=countdown) from error


@shared_task(
    name=texts.TRANSLATE_TEXTS_TASK,  # the name the text pipeline sends it by
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=540,
    time_limit=600,
    ignore_result=True,
)
def translate_texts() -> int:
    """Translate the texts of pages and forums that are due (see translations.texts)."""
    try:
        texts.texts_picked_up()
        return texts.translate_due_texts()
    except (SoftTimeLimitExceeded, OperationalError):
        # Claimed rows come back when their claim expires; the sweep sends the task again.
        return 0


@shared_task(acks_late=True)
def sweep_pending_translations() -> list[int]:
    texts.sweep_texts()
    return pipeline.sweep_pending()


@shared_task(ignore_result=True)
def sweep_due_translations() -> int | None:
    """Every few seconds (beat): a task for what waits with none on its way (a broker that
    was down, a worker that died); see pipeline.sweep_due."""
    texts.sweep_due_texts()
    return pipeline.sweep_due()


@shared_task(ignore_result=True)
def check_engine_health() -> int | None:
    """Every few seconds (beat): what waits on the engine goes again once it answers."""
    return health.check()
