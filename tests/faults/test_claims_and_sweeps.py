"""A worker's claims last as long as it does; the frequent sweep sends what waits.

Driven clock: ``timezone.now`` is set by the test, the heartbeat is beaten by hand.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.celery import app
from tests.translations.pipeline_helpers import make_post
from translations import heartbeat, pipeline, texts
from translations.models import PostTranslation, TextTranslation, TranslationQueue
from translations.pipeline import queueing

from .helpers import save_page_text

pytestmark = pytest.mark.django_db
LEASE = timedelta(seconds=30)


@pytest.fixture
def clock(monkeypatch):
    now = [timezone.now()]
    monkeypatch.setattr(timezone, "now", lambda: now[0])
    return now


@pytest.fixture
def beating(monkeypatch) -> heartbeat.Heartbeat:
    """This process as a worker's: a heartbeat (its thread not started; beaten by hand)."""
    beat = heartbeat.Heartbeat(LEASE)
    monkeypatch.setattr(heartbeat, "_current", beat)
    return beat


@pytest.fixture
def sent(monkeypatch) -> list[int]:
    messages: list[int] = []
    monkeypatch.setattr(
        queueing, "queue_post_translation", lambda post_id: messages.append(post_id) or True
    )
    return messages


def pending_post():
    post = make_post("La economía solidaria transforma los territorios.")
    pipeline.request_post_translation(post, targets=["en", "fr"], language="es")
    return post


def due(now) -> set[int]:
    return set(
        PostTranslation.objects.filter(status="pending")
        .filter(queueing.due_at(now))
        .values_list("post_id", flat=True)
    )


def test_a_living_workers_claims_are_renewed_and_a_dead_ones_run_out_one_lease_later(
    clock, beating
):
    post = pending_post()
    start = clock[0]

    assert pipeline.claim_batch(post.pk) == [post.pk]
    assert due(start + LEASE - timedelta(seconds=1)) == set()  # one lease, not five minutes

    with beating.holding(posts=[post.pk]):
        clock[0] = start + timedelta(seconds=20)
        assert beating.beat() == 2
        assert due(start + timedelta(seconds=45)) == set()  # renewed: still held
    # The run is over, or the process died: nothing renews the claims any more.
    clock[0] = start + timedelta(seconds=40)
    assert beating.beat() == 0

    assert due(start + timedelta(seconds=51)) == {post.pk}
    clock[0] = start + timedelta(seconds=51)
    assert pipeline.claim_batch(post.pk) == [post.pk]  # another worker takes it


def test_without_a_heartbeat_a_claim_keeps_the_long_window(clock, monkeypatch):
    monkeypatch.setattr(heartbeat, "_current", None)
    post = pending_post()

    pipeline.claim_batch(post.pk)

    assert due(clock[0] + pipeline.batch.CLAIM_WINDOW - timedelta(seconds=1)) == set()


def test_the_heartbeat_leaves_a_scheduled_retry_alone(clock, beating):
    post = pending_post()
    pipeline.claim_batch(post.pk)
    later = clock[0] + timedelta(minutes=10)
    PostTranslation.objects.update(retry_at=later)  # the run failed: retry in ten minutes

    with beating.holding(posts=[post.pk]):
        assert beating.beat() == 0

    assert set(PostTranslation.objects.values_list("retry_at", flat=True)) == {later}


def test_text_claims_are_held_by_the_heartbeat_too(clock, beating):
    save_page_text("latido")
    start = clock[0]
    ids = texts.claim_texts()

    with beating.holding(texts=ids):
        clock[0] = start + timedelta(seconds=20)
        assert beating.beat() == len(ids) == 2
    assert not TextTranslation.objects.filter(texts.due()).exists()
    clock[0] = start + timedelta(seconds=51)
    assert TextTranslation.objects.filter(texts.due()).count() == 2


def test_the_sweep_sends_a_task_for_rows_whose_task_was_lost(
    clock, sent, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(queueing, "queue_post_translation", lambda post_id: False)  # broker down
    with django_capture_on_commit_callbacks(execute=True):
        post = pending_post()
    assert not TranslationQueue.objects.filter(pk=1, waiting_since__isnull=False).exists()
    monkeypatch.setattr(
        queueing, "queue_post_translation", lambda post_id: sent.append(post_id) or True
    )

    assert pipeline.sweep_due() is None  # moments after the save: its own task may come
    clock[0] += queueing.SWEEP_DELAY
    assert pipeline.sweep_due() == post.pk
    assert sent == [post.pk]
    assert pipeline.sweep_due() is None  # that task is on its way: no second one


def test_the_sweep_sends_nothing_while_claims_are_held(clock, sent, beating):
    post = pending_post()
    sent.clear()
    pipeline.picked_up()
    pipeline.claim_batch(post.pk)
    clock[0] += timedelta(seconds=20)

    assert pipeline.sweep_due() is None
    assert sent == []


def test_texts_whose_task_was_lost_are_swept_once(clock, monkeypatch):
    announced: list[object] = []
    monkeypatch.setattr(type(app), "send_task", lambda self, *a, **k: announced.append(a))
    save_page_text("barrido")
    TranslationQueue.objects.filter(pk=texts.TEXT_QUEUE).delete()  # as if the send had failed
    announced.clear()

    clock[0] += texts.SWEEP_DELAY
    assert texts.sweep_due_texts() is True
    assert texts.sweep_due_texts() is False  # on its way
    texts.texts_picked_up()
    assert texts.sweep_due_texts() is True
    assert len(announced) == 2
