"""The benchmark's Celery worker: a process of its own, as in production.

    python bench/worker.py READY_FOLDER [--slow-engine]

Started by bench/bench_parts.py with the benchmark's environment (settings, var folder,
database name, broker), and run as `./dev run` runs its worker: prefork, one process a
core. Like a long-running worker, each process has its engine started and the language
model loaded before it takes a task; then it writes ``time.monotonic()`` (one clock for
every process of the machine) into a file of READY_FOLDER (``process-<pid>``; the main
process writes ``worker``), so the benchmark's clock starts when the last of them is
ready, not while they boot. ``--slow-engine`` puts a 2-second wait in front of every
engine call: a slow online provider, as the worker sees it.

With ``PUENTES_BENCH_PROFILE`` naming a folder, each pool process runs its tasks under
cProfile, timed in CPU time of the task's thread (enabled from task_prerun to task_postrun,
so the broker's polling between tasks is left out), and writes ``tasks-<pid>.prof`` there
after every task: bench/translation_pipeline.py's ``--profile`` prints them together.
"""

from __future__ import annotations

import cProfile
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class SlowEngine:
    """Apertium behind a 2-second wait."""

    name = "slow-apertium"
    is_online = False

    def __init__(self) -> None:
        from translations.engines.apertium import ApertiumEngine

        self.inner = ApertiumEngine()

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        time.sleep(2)
        return self.inner.translate_batch(texts, source, target)


def main() -> None:
    ready_file = Path(sys.argv[1])  # a folder
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from celery.signals import task_postrun, task_prerun, worker_process_init, worker_ready
    from django.conf import settings
    from django.db import connection

    from cms.celery import app
    from translations import pipeline
    from translations.detection import detect_language
    from translations.pipeline import engine_choice

    if name := os.environ.get("PUENTES_BENCH_DATABASE_NAME"):
        connection.settings_dict["NAME"] = name  # the benchmark's throwaway database
    concurrency = os.cpu_count() or 1  # as `./dev run` starts it: one process a core

    def announce(name: str) -> None:
        partial = ready_file / f"{name}.part"
        partial.write_text(repr(time.monotonic()))
        partial.replace(ready_file / name)

    @worker_process_init.connect
    def warm(**kwargs) -> None:
        """Each process starts its engine once, as a long-running worker has it."""
        if "--slow-engine" in sys.argv:
            slow = SlowEngine()
            engine_choice.configured_engine = lambda: slow
        else:
            for target in ("en", "fr"):
                pipeline.configured_engine().translate_batch(["Hola"], "es", target)
            detect_language("Hola a todos, gracias por la lectura de esta semana.")
        announce(f"process-{os.getpid()}")
        # None starts on the queue before all are warm: the clock starts when the last is.
        while len(list(ready_file.glob("process-*[0-9]"))) < concurrency:
            time.sleep(0.01)

    if profile_folder := os.environ.get("PUENTES_BENCH_PROFILE"):
        # CPU time of the task's thread: on a busy machine, wall time would charge the
        # waits for a core to whatever ran last; the engine's relay threads are not in it.
        profiler = cProfile.Profile(time.thread_time)
        task_prerun.connect(lambda **kwargs: profiler.enable(), weak=False)

        @task_postrun.connect(weak=False)
        def dump(**kwargs) -> None:
            profiler.disable()
            profiler.dump_stats(Path(profile_folder) / f"tasks-{os.getpid()}.prof")

    worker_ready.connect(lambda **kwargs: announce("worker"), weak=False)
    app.worker_main(
        [
            "worker",
            "--pool=prefork",
            f"--concurrency={concurrency}",
            f"--queues={settings.CELERY_TASK_DEFAULT_QUEUE},translations",
            "--loglevel=WARNING",
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
        ]
    )


if __name__ == "__main__":
    main()
