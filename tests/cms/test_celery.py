from __future__ import annotations

from django.conf import settings

from cms.celery import app


@app.task(name="tests.multiply")
def multiply(a: int, b: int) -> int:
    return a * b


def test_task_sent_through_configured_broker_runs_on_a_real_worker(celery_worker):
    result = multiply.apply_async(args=(6, 7))

    assert result.get(timeout=30) == 42


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
