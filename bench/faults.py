"""Recovery from faults: how long after a fault ends every translation is done.

    .venv/bin/python bench/faults.py [--posts N]

Starts the production shape on this machine with the production recovery intervals
(beat's sweep every TRANSLATION_SWEEP_SECONDS, a claim's lease TRANSLATION_CLAIM_LEASE):
a PostgreSQL cluster of its own in a temporary folder (migrated), its own Redis, a
Celery worker with beat (tests/faults/worker.py) and a local fake LibreTranslate over
HTTP (the tests' loopback server). Then, for each fault, saves posts and a forum's texts,
breaks one part, repairs it, and prints the time from the repair to the last translation
done (target: 60 s):

- broker down: Redis killed (its messages lost) while members post, then started again;
- worker killed mid-batch: its processes killed (SIGKILL) inside the engine calls, and a
  new worker started at once (as a supervisor restarts it);
- engine down: translations failed after every retry (and others waiting out a
  16-minute retry delay), then the engine answers again;
- database stopped for 10 s while the worker translates, then started again.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.faults.services import (  # noqa: E402 -- after the path is set
    PostgresCluster,
    RedisServer,
    Worker,
    worker_env,
)

TARGET = 60.0
TIMEOUT = 600.0


def main() -> None:
    parser = argparse.ArgumentParser(description="Puentes recovery-from-faults benchmark")
    parser.add_argument("--posts", type=int, default=20, help="posts saved per fault")
    args = parser.parse_args()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"machine: {os.cpu_count()} cores, load average {load} at the start")
    started = time.monotonic()
    cluster = PostgresCluster()
    cluster.start()
    broker = RedisServer()
    broker.start()
    var = tempfile.mkdtemp(prefix="puentes-faults-bench-")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "PUENTES_VAR_DIR": var,
            "PUENTES_TEST_RUN": "faults-bench",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{cluster.port}/postgres",
            "CELERY_BROKER_URL": broker.url,
            "LOG_LEVEL": "ERROR",
        }
    )
    Path(var, "static").mkdir()
    workers: list[Worker] = []
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        from tests.translations.conftest import LoopbackProviders

        backend = settings.CELERY_RESULT_BACKEND
        if backend.startswith("file://"):
            Path(backend.removeprefix("file://")).mkdir(parents=True, exist_ok=True)
        call_command("migrate", verbosity=0)
        engine = LoopbackProviders()
        engine.start()
        sweep, lease = settings.TRANSLATION_SWEEP_SECONDS, settings.TRANSLATION_CLAIM_LEASE
        print(
            f"PostgreSQL {cluster.port}, Redis {broker.port}, fake LibreTranslate; beat's sweep "
            f"every {sweep:.0f} s, claims' lease {lease:.0f} s; {args.posts} posts (es → en, fr) "
            "and a forum's texts per fault"
        )

        def start_worker(concurrency: int = 2) -> Worker:
            env = worker_env(
                broker_url=broker.url,
                database_name="postgres",
                engine_url=engine.url("libre"),
                sweep_seconds=sweep,
                lease_seconds=lease,
            )
            worker = Worker(env, name=f"bench{len(workers) + 1}", concurrency=concurrency)
            workers.append(worker)
            worker.start()
            return worker

        faults = Faults(args.posts, broker, cluster, engine, start_worker)
        for name, run in (
            ("broker down", faults.broker_down),
            ("worker killed mid-batch", faults.worker_killed),
            ("engine down, then healthy", faults.engine_down),
            ("database stopped 10 s", faults.database_stopped),
        ):
            seconds, note = run()
            verdict = "ok" if seconds <= TARGET else "OVER TARGET"
            print(f"{name:28s} all done {seconds:6.1f} s after the fault ended ({verdict}); {note}")
        engine.stop()
    finally:
        for worker in workers:
            worker.stop()
            worker.remove()
        from django.db import connections

        connections.close_all()
        broker.stop()
        cluster.remove()
    print(f"total {time.monotonic() - started:.1f}s")


class Faults:
    def __init__(self, posts, broker, cluster, engine, start_worker: Callable[..., Worker]):
        self.posts, self.broker, self.cluster, self.engine = posts, broker, cluster, engine
        self.start_worker = start_worker
        self.worker = start_worker()

    def save(self, label: str) -> tuple[list[int], object]:
        from tests.faults.helpers import save_page_text, save_posts

        return save_posts(self.posts, label), save_page_text(label)

    def done(self, post_ids: list[int], forum) -> bool:
        from tests.faults.helpers import posts_done, texts_done

        return posts_done(post_ids) and texts_done(forum)

    def time_to_done(self, post_ids: list[int], forum, since: float) -> float:
        deadline = since + TIMEOUT
        while not self.done(post_ids, forum):
            if time.monotonic() > deadline:
                raise RuntimeError(f"not done {TIMEOUT:.0f} s after the fault ended")
            time.sleep(0.1)
        return time.monotonic() - since

    def broker_down(self) -> tuple[float, str]:
        self.broker.stop()
        post_ids, forum = self.save("sin broker")
        time.sleep(10)  # the outage lasts a while: the worker backs off reconnecting
        self.broker.start()
        ended = time.monotonic()
        return self.time_to_done(post_ids, forum, ended), "Redis down 10 s+, messages lost"

    def worker_killed(self) -> tuple[float, str]:
        from django.db import transaction

        from tests.faults.test_killed_worker import claimed_posts

        for _ in range(2):  # both processes of the worker end up inside an engine call
            self.engine.hang("libre", seconds=300)
        with transaction.atomic():
            post_ids, forum = self.save("trabajador caído")
        deadline = time.monotonic() + 120
        while (
            len(claimed_posts(post_ids)) < 2 * len(post_ids)
            or len(self.engine.calls("/libre/translate")) < 2
        ):
            if time.monotonic() > deadline:
                raise RuntimeError("the worker did not take the batch")
            time.sleep(0.05)
        self.worker.kill()
        ended = time.monotonic()
        self.worker = self.start_worker()
        boot = time.monotonic() - ended
        self.engine.reset()
        seconds = self.time_to_done(post_ids, forum, ended)
        return seconds, f"from the kill; the new worker took {boot:.1f} s to start"

    def engine_down(self) -> tuple[float, str]:
        from django.utils import timezone

        from translations import pipeline
        from translations.errors import TransientTranslationError
        from translations.models import PostTranslation, TextTranslation

        self.engine.reply("libre", 503, {"error": "down"}, times=100_000)
        post_ids, forum = self.save("motor caído")
        deadline = time.monotonic() + 120
        while PostTranslation.objects.filter(post_id__in=post_ids, last_error="").exists():
            if time.monotonic() > deadline:
                raise RuntimeError("the worker did not try the engine")
            time.sleep(0.1)
        # Half failed after every retry (as the last retry leaves them), half waiting out a
        # late retry: 16 minutes, as after the fifth.
        half = post_ids[: len(post_ids) // 2]
        for post_id in half:
            pipeline.mark_failed(post_id, error=TransientTranslationError("503"))
        later = timezone.now() + timedelta(minutes=16)
        PostTranslation.objects.filter(post_id__in=post_ids[len(half) :], status="pending").update(
            retry_at=later, last_error="503"
        )
        TextTranslation.objects.exclude(status="done").update(
            status="failed", retry_at=timezone.now()
        )
        time.sleep(20)  # the health check probes a down engine meanwhile
        self.engine.reset()
        ended = time.monotonic()
        return self.time_to_done(post_ids, forum, ended), "half failed, half in a 16-min retry"

    def database_stopped(self) -> tuple[float, str]:
        from django.db import connections

        for _ in range(2):
            self.engine.hang("libre", seconds=3)  # the database stops while they translate
        post_ids, forum = self.save("sin base de datos")
        connections.close_all()
        self.cluster.stop()
        time.sleep(10)
        self.cluster.start()
        ended = time.monotonic()
        return self.time_to_done(post_ids, forum, ended), "PostgreSQL stopped (fast) for 10 s"


if __name__ == "__main__":
    main()
