"""A burst of saves sends a few tasks, not one each, and still loses no post."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from translations import pipeline
from translations.models import PostTranslation, TranslationQueue
from translations.pipeline import queueing

from .pipeline_helpers import CountingEngine, make_post


@pytest.fixture
def sent(monkeypatch) -> list[int]:
    """The tasks sent to the broker (by post id), with the broker up."""
    messages: list[int] = []

    def send(post_id: int) -> bool:
        messages.append(post_id)
        return True

    monkeypatch.setattr(queueing, "queue_post_translation", send)
    return messages


def save(text: str, callbacks):
    post = make_post(text)
    with callbacks(execute=True):
        pipeline.request_post_translation(post, targets=["en", "fr"], language="es")
    return post


@pytest.mark.django_db
def test_a_burst_of_saves_sends_one_task_while_it_waits(sent, django_capture_on_commit_callbacks):
    posts = [save(f"Mensaje {n} del grupo.", django_capture_on_commit_callbacks) for n in range(5)]

    assert sent == [posts[0].pk]
    assert PostTranslation.objects.filter(status="pending").count() == 10


@pytest.mark.django_db
def test_the_waiting_task_takes_every_post_saved_meanwhile(
    sent, django_capture_on_commit_callbacks
):
    posts = [save(f"Mensaje {n} del grupo.", django_capture_on_commit_callbacks) for n in range(4)]
    engine = CountingEngine()

    pipeline.translate_pending(sent[0], engine=engine, batch=50)

    assert PostTranslation.objects.filter(post__in=posts, status="done").count() == 8
    assert len(engine.calls) == 2  # one per language pair for the four posts


@pytest.mark.django_db
def test_once_a_run_has_started_the_next_save_sends_its_own_task(
    sent, django_capture_on_commit_callbacks
):
    first = save("Primer mensaje.", django_capture_on_commit_callbacks)
    pipeline.translate_pending(first.pk, engine=CountingEngine(), batch=50)

    second = save("Segundo mensaje, después.", django_capture_on_commit_callbacks)

    assert sent == [first.pk, second.pk]


@pytest.mark.django_db
def test_a_task_that_finds_its_own_post_taken_still_takes_the_others(
    sent, django_capture_on_commit_callbacks
):
    first = save("Primer mensaje.", django_capture_on_commit_callbacks)
    later = save("Guardado mientras la tarea esperaba.", django_capture_on_commit_callbacks)
    PostTranslation.objects.filter(post=first).update(status="done")  # another run took it

    pipeline.translate_pending(first.pk, engine=CountingEngine(), batch=50)

    assert set(PostTranslation.objects.filter(post=later).values_list("status", flat=True)) == {
        "done"
    }


@pytest.mark.django_db
def test_a_full_batch_sends_a_task_for_the_posts_it_left(sent, django_capture_on_commit_callbacks):
    posts = [save(f"Mensaje {n} del grupo.", django_capture_on_commit_callbacks) for n in range(5)]

    pipeline.translate_pending(posts[0].pk, engine=CountingEngine(), batch=2)

    assert sent == [posts[0].pk, posts[2].pk]  # the oldest post left over
    done = set(PostTranslation.objects.filter(status="done").values_list("post_id", flat=True))
    assert done == {posts[0].pk, posts[1].pk}


@pytest.mark.django_db
def test_a_task_lost_by_the_broker_holds_saves_back_only_for_a_while(
    sent, django_capture_on_commit_callbacks
):
    first = save("Primer mensaje.", django_capture_on_commit_callbacks)
    TranslationQueue.objects.update(
        waiting_since=timezone.now() - pipeline.COALESCE_WINDOW - timedelta(seconds=1)
    )

    second = save("Segundo mensaje.", django_capture_on_commit_callbacks)

    assert sent == [first.pk, second.pk]


@pytest.mark.django_db
def test_a_broker_that_is_down_leaves_no_mark_behind(
    monkeypatch, django_capture_on_commit_callbacks
):
    attempts: list[int] = []

    def down(post_id: int) -> bool:
        attempts.append(post_id)
        return False  # queue_post_translation logged the failure

    monkeypatch.setattr(queueing, "queue_post_translation", down)
    first = save("Primer mensaje.", django_capture_on_commit_callbacks)
    second = save("Segundo mensaje.", django_capture_on_commit_callbacks)

    assert attempts == [first.pk, second.pk]  # each save tried: nothing was waiting
    assert TranslationQueue.objects.get().waiting_since is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_translates_a_burst_with_fewer_tasks_than_posts(
    celery_worker, settings, monkeypatch
):
    settings.TRANSLATION_BATCH_POSTS = 3
    real_send = pipeline.queue_post_translation
    sent: list[int] = []

    def send(post_id: int) -> bool:
        sent.append(post_id)
        return real_send(post_id)

    monkeypatch.setattr(queueing, "queue_post_translation", send)
    with transaction.atomic():  # a burst: the saves' callbacks run one after the other
        posts = [
            make_post(f"Las cooperativas del grupo {n} comparten su experiencia.") for n in range(8)
        ]
        for post in posts:
            pipeline.request_post_translation(post, targets=["en", "fr"], language="es")

    deadline = time.monotonic() + 120
    rows = PostTranslation.objects.filter(post__in=posts)
    while rows.filter(status="done").count() < 16 and time.monotonic() < deadline:
        time.sleep(0.2)

    assert rows.filter(status="done").count() == 16, list(rows.values("post_id", "status"))
    assert len(sent) < len(posts)
