"""The Celery side: retries and backoff against a real HTTP engine, the sweep, a real worker."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from celery.signals import before_task_publish
from django.utils import timezone

from cms.celery import app
from translations import pipeline, tasks
from translations.models import PostTranslation
from translations.pipeline import queueing

from .pipeline_helpers import make_post


@pytest.fixture
def libretranslate_engine(settings, loopback):
    """The configured engine is LibreTranslate on the loopback server, through deep-translator."""
    settings.TRANSLATION_ENGINE = "libretranslate"
    settings.TRANSLATION_ENGINE_OPTIONS = {"url": loopback.url("libre"), "timeout": 5}
    pipeline.cached_engine.cache_clear()
    yield loopback
    pipeline.cached_engine.cache_clear()


@pytest.fixture
def no_backoff_wait(monkeypatch):
    """Eager retries run at once; record the countdowns the task asked for."""
    asked: list[float] = []
    original = tasks.backoff

    def recording_backoff(retries, retry_after=None):
        delay = original(retries, retry_after)
        asked.append(delay)
        return delay

    monkeypatch.setattr(tasks, "backoff", recording_backoff)
    return asked


def test_backoff_grows_exponentially_with_jitter_and_respects_retry_after():
    delays = [tasks.backoff(n) for n in range(6)]

    for n, delay in enumerate(delays):
        ceiling = tasks.BACKOFF_BASE * 2**n
        assert ceiling / 2 <= delay <= ceiling
    assert tasks.backoff(20) <= tasks.BACKOFF_CAP
    assert tasks.backoff(0, retry_after=120) == 120
    assert len({tasks.backoff(3) for _ in range(20)}) > 1


@pytest.mark.django_db
def test_rate_limited_engine_is_retried_then_the_post_is_translated(
    libretranslate_engine, no_backoff_wait
):
    post = make_post("Las cooperativas necesitan crédito.")
    pipeline.request_post_translation(post, targets=["en"], language="es")
    libretranslate_engine.reply(
        "libre/translate", 429, {"error": "slow down"}, {"Retry-After": "7"}, times=2
    )

    tasks.translate_post.apply(args=[post.pk])

    row = PostTranslation.objects.get(post=post, language="en")
    assert row.status == "done"
    assert row.attempts == 3
    assert row.engine == "libretranslate"
    assert all(delay >= 7 for delay in no_backoff_wait)
    assert len(no_backoff_wait) == 2


@pytest.mark.django_db
def test_an_engine_that_stays_down_leaves_the_translation_failed_after_the_last_retry(
    libretranslate_engine, no_backoff_wait
):
    post = make_post("Texto que no llega.")
    pipeline.request_post_translation(post, targets=["en"], language="es")
    libretranslate_engine.reply("libre/translate", 503, {"error": "down"}, times=50)

    tasks.translate_post.apply(args=[post.pk])

    row = PostTranslation.objects.get(post=post, language="en")
    assert row.status == "failed"
    assert "503" in row.last_error
    assert len(no_backoff_wait) == tasks.MAX_RETRIES
    post.refresh_from_db()
    assert post.content.raw == "Texto que no llega."


@pytest.mark.django_db
def test_a_rejected_key_fails_at_once_without_retrying(libretranslate_engine, no_backoff_wait):
    post = make_post("Texto.")
    pipeline.request_post_translation(post, targets=["en"], language="es")
    libretranslate_engine.reply("libre/translate", 403, {"error": "Invalid API key"})

    tasks.translate_post.apply(args=[post.pk])

    assert PostTranslation.objects.get(post=post).status == "failed"
    assert no_backoff_wait == []


@pytest.mark.django_db
def test_the_sweep_leaves_recent_and_scheduled_translations_alone(
    django_capture_on_commit_callbacks, monkeypatch
):
    queued: list[int] = []
    monkeypatch.setattr(queueing, "queue_post_translation", queued.append)
    recent = make_post("Reciente.")
    waiting = make_post("Esperando su reintento.")
    forgotten = make_post("Olvidado por un broker caído.")
    for post in (recent, waiting, forgotten):
        pipeline.request_post_translation(post, targets=["en"], language="es")
    long_ago = timezone.now() - timedelta(hours=1)
    PostTranslation.objects.filter(post__in=[waiting, forgotten]).update(requested_at=long_ago)
    PostTranslation.objects.filter(post=waiting).update(
        retry_at=timezone.now() + timedelta(minutes=30)
    )
    queued.clear()

    swept = pipeline.sweep_pending()

    assert swept == [forgotten.pk]
    assert queued == [forgotten.pk]
    assert pipeline.sweep_pending() == []


def test_the_pipeline_sends_the_task_by_its_registered_name_to_the_translations_queue():
    published: list[tuple[str, str, bool, str]] = []

    def record(sender, headers, routing_key, **kwargs):
        published.append((sender, routing_key, headers["ignore_result"], headers["argsrepr"]))

    before_task_publish.connect(record, weak=False)
    try:
        sent = queueing.queue_post_translation(4242)
    finally:
        before_task_publish.disconnect(record)

    assert sent is True
    assert published == [(pipeline.TRANSLATE_POST_TASK, "translations", True, "[4242]")]
    assert app.tasks[pipeline.TRANSLATE_POST_TASK] == tasks.translate_post


def wait_for(condition, timeout: float = 90.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_translates_a_post_after_its_transaction_commits(celery_worker):
    post = make_post("La economía solidaria transforma los territorios.")

    pipeline.request_post_translation(post, targets=["fr", "en"], language="es")

    assert wait_for(
        lambda: PostTranslation.objects.filter(post=post, status="done").count() == 2
    ), list(
        PostTranslation.objects.filter(post=post).values(
            "language", "status", "last_error", "attempts", "retry_at"
        )
    )
    english = PostTranslation.objects.get(post=post, language="en")
    assert "economy" in english.content.lower()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_translations_lost_by_a_down_broker_are_sent_again_by_the_sweep(celery_worker, monkeypatch):
    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("broker unreachable")

    with monkeypatch.context() as patch:
        patch.setattr(app, "send_task", broker_down)
        post = make_post("El mensaje se guarda aunque el broker esté caído.")
        pipeline.request_post_translation(post, targets=["en"], language="es")
    assert PostTranslation.objects.get(post=post).status == "pending"
    PostTranslation.objects.filter(post=post).update(
        requested_at=timezone.now() - timedelta(hours=1)
    )

    swept = tasks.sweep_pending_translations.delay().get(timeout=60)

    assert swept == [post.pk]
    assert wait_for(lambda: PostTranslation.objects.get(post=post).status == "done")
