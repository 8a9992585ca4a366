"""bench/broker_leftovers.py against a real Redis: a worker killed while it holds a message
leaves nothing that a later worker of the same database would be handed.

Redis database 11 of the machine's server (12 for pytest-xdist's second process, and so on;
``BENCH_TEST_REDIS_URL`` to use another): the test empties it before and after, so it must
be one nobody else uses.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from importlib import import_module
from pathlib import Path
from types import ModuleType

import pytest
import redis
from celery import Celery
from kombu import Connection

BENCH = Path(__file__).resolve().parents[2] / "bench"
# One database per pytest-xdist process (gw0: 11, gw1: 12, ...).
_PROCESS = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
URL = os.environ.get("BENCH_TEST_REDIS_URL", f"redis://127.0.0.1:6379/{11 + _PROCESS}")
QUEUES = ("default", "translations")

# A worker that takes one message as Celery's prefork worker does for an acks_late task
# (kept in the broker's unacknowledged set until acknowledged), then dies outright.
KILLED_CONSUMER = """
import os, signal, sys
from kombu import Connection
with Connection(sys.argv[1]) as connection:
    message = connection.default_channel.basic_get("translations", no_ack=False)
    assert message is not None, "nothing to take"
    os.kill(os.getpid(), signal.SIGKILL)
"""


def bench(name: str) -> ModuleType:
    """A bench module; the bench scripts import one another by name, as scripts do."""
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    return import_module(name)


@pytest.fixture
def broker(monkeypatch) -> Iterator[redis.Redis]:
    # Celery prefers CELERY_BROKER_URL from the environment to an app's own broker (CI sets
    # it for the suite): without this, the tasks went to the suite's broker, not to URL.
    for variable in ("CELERY_BROKER_URL", "CELERY_BROKER_READ_URL", "CELERY_BROKER_WRITE_URL"):
        monkeypatch.delenv(variable, raising=False)
    client = redis.Redis.from_url(URL)
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


def app_sending_one_task() -> Celery:
    app = Celery("bench-leftovers", broker=URL, set_as_current=False)
    app.send_task("translations.tasks.translate_post", args=[1], queue="translations")
    return app


def kill_a_worker_holding_the_message() -> None:
    finished = subprocess.run(  # noqa: S603 -- our own snippet
        [sys.executable, "-c", KILLED_CONSUMER, URL], capture_output=True, timeout=60
    )
    assert finished.returncode == -9, finished.stderr.decode()


def taken_by_a_later_worker() -> int:
    """Messages a later worker of the database gets, once the visibility timeout is over
    (here at once: a timeout of 0 makes every unacknowledged message overdue)."""
    with Connection(URL, transport_options={"visibility_timeout": 0}) as connection:
        channel = connection.default_channel
        channel.qos.restore_visible(num=100)
        taken = 0
        for queue in QUEUES:
            while channel.basic_get(queue, no_ack=True) is not None:
                taken += 1
        return taken


def test_a_killed_workers_message_comes_back_though_its_queues_are_purged(broker):
    """What the benchmark did before: purging the queues leaves the held message."""
    app = app_sending_one_task()
    kill_a_worker_holding_the_message()
    assert broker.hlen("unacked") == 1

    with app.connection_for_write() as connection:
        for queue in QUEUES:
            connection.default_channel.queue_purge(queue)

    assert taken_by_a_later_worker() == 1


def test_clearing_the_leftovers_leaves_nothing_for_a_later_worker(broker):
    app = app_sending_one_task()
    app.send_task("translations.tasks.translate_post", args=[2], queue="translations")
    kill_a_worker_holding_the_message()  # takes one; the other stays queued

    left = bench("broker_leftovers").clear_leftovers(app, QUEUES)

    assert (left.queued, left.unacknowledged) == (1, 1)
    assert not broker.exists("unacked", "unacked_index", "unacked_mutex")
    assert taken_by_a_later_worker() == 0
