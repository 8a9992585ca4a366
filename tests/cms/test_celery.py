from __future__ import annotations

import pytest
from django.conf import settings

from cms.celery import app


@app.task(name="tests.multiply")
def multiply(a: int, b: int) -> int:
    return a * b


def test_task_sent_through_configured_broker_runs_on_a_real_worker(celery_worker):
    result = multiply.apply_async(args=(6, 7))

    assert result.get(timeout=30) == 42


@app.task(name="tests.database_connection")
def database_connection() -> int:
    from django.db import connection

    connection.ensure_connection()
    return id(connection.connection)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_keeps_its_database_connection_from_task_to_task(celery_worker):
    first = database_connection.apply_async().get(timeout=30)
    second = database_connection.apply_async().get(timeout=30)

    assert first == second  # Celery alone would have opened a new one for every task


def test_broker_is_the_one_the_environment_names():
    import os

    expected = os.environ.get("CELERY_BROKER_URL", "filesystem://")

    assert app.connection().as_uri().split(":")[0] == expected.split(":")[0]
    configured = settings.CELERY_BROKER_URL
    assert configured == expected


def test_celery_serialises_json_only_and_routes_translation_to_its_queue():
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_routes["translations.tasks.*"] == {"queue": "translations"}


def test_celery_settings_hold_together_for_translation_retries():
    from translations.tasks import BACKOFF_CAP, translate_post

    assert settings.REDIS_VISIBILITY_TIMEOUT > BACKOFF_CAP + translate_post.time_limit
    assert translate_post.acks_late is True
    assert translate_post.soft_time_limit < translate_post.time_limit
    assert app.conf.task_time_limit
    assert app.conf.task_soft_time_limit
    # One message a process, except on the embedded broker, whose worker polls.
    embedded = settings.CELERY_BROKER_URL.startswith("filesystem://")
    assert app.conf.worker_prefetch_multiplier == (8 if embedded else 1)
    assert "sweep-pending-translations" in app.conf.beat_schedule


def test_redis_broker_gets_the_visibility_timeout(monkeypatch):
    import importlib

    import cms.settings.base as base

    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
    reloaded = importlib.reload(base)
    try:
        options = reloaded.CELERY_BROKER_TRANSPORT_OPTIONS
        assert options == {"visibility_timeout": reloaded.REDIS_VISIBILITY_TIMEOUT}
        assert reloaded.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    finally:
        monkeypatch.undo()
        importlib.reload(base)
