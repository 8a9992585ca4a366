"""Fixtures of the fault tests: a Redis of their own, a fake engine over HTTP, real workers.

This process sends its tasks to the Redis started here (not the suite's broker), so that
stopping it is a broker outage for the site and the workers alike. The workers are
processes of their own (tests/faults/worker.py) with beat's sweep every SWEEP_SECONDS and
a claim's lease of LEASE_SECONDS: short, so that the tests wait seconds, not a minute; the
production values are longer (cms/settings/base.py) and bench/faults.py measures them.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from kombu import pools

from tests.translations.conftest import LoopbackProviders

from .services import RedisServer, Worker, worker_env

SWEEP_SECONDS = 1.0
LEASE_SECONDS = 4.0
#: Every wait on a recovery: the target is 60 s with production intervals.
RECOVERY_TIMEOUT = 90.0

_names = itertools.count(1)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/faults/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.faults)


def use_broker(url: str, transport_options: dict[str, object]) -> None:
    """Send this process's tasks to ``url`` from now on (Celery keeps pooled connections).

    Celery reads CELERY_BROKER_URL from the environment before its configuration (CI sets
    it), so the environment is changed too; :func:`broker` puts both back."""
    from cms.celery import app

    os.environ["CELERY_BROKER_URL"] = url
    app.conf.broker_url = url
    app.conf.broker_transport_options = transport_options
    # The app's pool is kombu's pool for the URL, kept in kombu's registry: closing it
    # alone left a closed pool there for the next test on that URL ("Acquire on closed
    # pool"). Reset closes them all and empties the registry.
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture(scope="session")
def broker_server() -> Iterator[RedisServer]:
    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def broker(broker_server: RedisServer) -> Iterator[RedisServer]:
    """Each test here sends to the Redis started here, and the suite's broker is restored
    after it: the tests that run later must not send to a server a test stopped."""
    from cms.celery import app

    if broker_server.process is None:  # a test stopped it and failed before restarting it
        broker_server.start()
    environment = os.environ.get("CELERY_BROKER_URL")
    before = (app.conf.broker_url, dict(app.conf.broker_transport_options or {}))
    use_broker(broker_server.url, {"visibility_timeout": settings.REDIS_VISIBILITY_TIMEOUT})
    yield broker_server
    use_broker(*before)
    if environment is None:
        os.environ.pop("CELERY_BROKER_URL", None)
    else:
        os.environ["CELERY_BROKER_URL"] = environment


@pytest.fixture(scope="session")
def fake_engine() -> Iterator[LoopbackProviders]:
    """A LibreTranslate over loopback HTTP ("[en] Hola"); ``reply`` and ``hang`` break it."""
    server = LoopbackProviders()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def engine(fake_engine: LoopbackProviders) -> Iterator[LoopbackProviders]:
    fake_engine.reset()
    yield fake_engine
    fake_engine.reset()


@pytest.fixture(scope="session")
def worker_settings(
    django_db_setup, django_db_blocker, broker_server: RedisServer, fake_engine: LoopbackProviders
) -> dict[str, str]:
    """The workers' environment: this run's test database, the broker, the fake engine."""
    from django.db import connection

    with django_db_blocker.unblock():
        database = str(connection.settings_dict["NAME"])
    return worker_env(
        broker_url=broker_server.url,
        database_name=database,
        engine_url=fake_engine.url("libre"),
        sweep_seconds=SWEEP_SECONDS,
        lease_seconds=LEASE_SECONDS,
    )


def launch(env: dict[str, str], concurrency: int = 1) -> Worker:
    worker = Worker(env, name=f"faults{next(_names)}", concurrency=concurrency)
    try:
        worker.start()
    except BaseException:
        worker.stop()
        worker.remove()
        raise
    return worker


@pytest.fixture
def start_worker(worker_settings: dict[str, str]) -> Iterator[Callable[..., Worker]]:
    """Start workers (with beat) for one test; all stopped at its end."""
    started: list[Worker] = []

    def start(concurrency: int = 1) -> Worker:
        started.append(launch(worker_settings, concurrency))
        return started[-1]

    yield start
    for worker in started:
        worker.stop()
        worker.remove()


@pytest.fixture(scope="module")
def worker(worker_settings: dict[str, str]) -> Iterator[Worker]:
    """One worker for the tests of a module that do not kill it."""
    running = launch(worker_settings)
    yield running
    running.stop()
    running.remove()
