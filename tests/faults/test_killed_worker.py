"""A worker killed during a batch: another takes its posts once the claims' lease runs out.

The killed worker's messages stay unacknowledged in Redis for hours (the visibility
timeout); its claims were renewed by its heartbeat while it lived and expire a lease after
it died, and beat's sweep sends the tasks that the other worker runs.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.utils import timezone

from translations.models import PostTranslation, TextTranslation

from .helpers import posts_done, recovered, save_posts, states


def claimed(rows) -> list:
    now = timezone.now()
    return [row for row in rows.filter(status="pending") if row.retry_at and row.retry_at > now]


def claimed_posts(post_ids: list[int]) -> list[PostTranslation]:
    return claimed(PostTranslation.objects.filter(post_id__in=post_ids))


def claimed_texts() -> list[TextTranslation]:
    return claimed(TextTranslation.objects.all())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_posts_and_texts_claimed_by_a_killed_worker_are_translated_by_another(
    broker, engine, start_worker
):
    # The first engine calls never answer: one process in a batch of posts, one in texts.
    engine.hang("libre", seconds=120)
    engine.hang("libre", seconds=120)
    first = start_worker(concurrency=2)
    with transaction.atomic():  # one task for the four posts, one for the forums' texts
        post_ids = save_posts(4, "trabajador caído")

    # The worker claimed both batches and is inside the engine calls...
    assert recovered(lambda: len(claimed_posts(post_ids)) == 8 and claimed_texts(), timeout=60), (
        states(post_ids),
        first.tail(),
    )
    assert recovered(lambda: len(engine.calls("/libre/translate")) >= 2, timeout=30)
    # ...and its heartbeat renews the claims while it lives.
    leased = max(row.retry_at for row in claimed_posts(post_ids) + claimed_texts())
    assert recovered(
        lambda: (
            min(row.retry_at for row in claimed_posts(post_ids)) > leased
            and min(row.retry_at for row in claimed_texts()) > leased
        ),
        timeout=30,
    )

    first.kill()
    assert len(claimed_posts(post_ids)) == 8  # held still: the lease has not run out yet
    start_worker()

    assert recovered(lambda: posts_done(post_ids)), states(post_ids)
    assert recovered(lambda: not TextTranslation.objects.exclude(status="done").exists())
