"""The translation pipeline against the raw engine, save latency, and topic-page queries.

    .venv/bin/python bench/translation_pipeline.py [--quick]

Runs on a throwaway database (SQLite in a temporary folder, or a test database beside
DATABASE_URL's) and the configured broker (the embedded filesystem broker by default; a
Redis database of the bench's own, never the site's: what its workers leave there is
cleared, see bench/broker_leftovers.py), with a real Celery worker in a process of its
own (bench/worker.py). Prints:

(a) the raw engine: the prose segments of every post in one translate_batch per target,
    one after the other, on one warm engine (the engine drops repeated segments itself);
(f) the fair reference: the unique segments, split into (target, chunk) jobs over a pool
    of one process a core, each with its own warm engine: what the machine can translate
    at most, also on a machine with more cores than one engine keeps busy;
(b) the full pipeline: the posts saved through the ORM (the real post_save receiver queues
    one task per post), then drained by the worker (language detection, memory, engine,
    database); (b)/(a) and (b)/(f) are how much of the engine's speed the product keeps;
    beside each, the CPU-seconds its processes used, Python's and the engine's;
the p95 time to save a post through machina's new-topic view while the worker's engine
takes 2 s a call, against saving with no engine at all (no worker) and with translation
switched off entirely; and the SQL queries of a topic page at 10 and at 500 posts.
``--profile`` prints where the worker's tasks spent their CPU time during (b).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

from corpus import corpus, repeat_share

ROOT = Path(__file__).resolve().parent.parent
TARGETS = ("en", "fr")  # an es post in a course in es/fr/en


def main() -> None:
    parser = argparse.ArgumentParser(description="Puentes translation pipeline benchmark")
    parser.add_argument("--quick", action="store_true", help="a smaller corpus (<40 s)")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="profile the worker's tasks (cProfile) during (b) and print where their time goes",
    )
    parser.add_argument(
        "--only-throughput", action="store_true", help="(a), (f) and (b) only: no saves, no pages"
    )
    args = parser.parse_args()
    posts, saves = (150, 60) if args.quick else (1_000, 200)
    started = time.perf_counter()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"machine: {os.cpu_count()} cores, load average {load} at the start")
    with throwaway_database() as note:
        print(f"database: {note}")
        try:
            report(posts=posts, saves=saves, profile=args.profile, rest=not args.only_throughput)
        finally:
            forget_messages()
    print(f"total {time.perf_counter() - started:.1f}s")


def report(*, posts: int, saves: int, profile: bool = False, rest: bool = True) -> None:
    from bench_parts import (
        fair_reference,
        p95,
        pipeline_throughput,
        raw_engine_throughput,
        save_latency,
        topic_page_queries,
    )

    texts = corpus(posts)
    print(f"corpus: {posts} Spanish Markdown posts; translated es→{' and es→'.join(TARGETS)}")
    raw = raw_engine_throughput(texts, TARGETS)
    print(
        f"  {raw.segments} prose segments, {raw.characters:,} characters; "
        f"{repeat_share(raw.all_segments):.0%} repeat an earlier segment (greetings, signatures)"
    )
    print(figure("(a) raw engine, one batch per target:", posts / raw.seconds, raw.cpu))
    print("    the targets one after the other on one warm engine (it drops repeats itself)")
    fair = fair_reference(raw.all_segments, TARGETS)
    print(figure("(f) fair reference, on every core:", posts / fair.seconds, fair.cpu))
    print(
        f"    the {fair.unique} unique segments in {len(TARGETS)} × {fair.processes} (target, "
        f"chunk) jobs on {fair.processes} processes, each its own warm engine"
    )
    same = sum(
        fair.translated[target, s] == answer for (target, s), answer in raw.translated.items()
    )
    print(f"    same translations as (a): {same} of {len(raw.translated)}")
    folder = Path(tempfile.mkdtemp(prefix="puentes-bench-profile-")) if profile else None
    if folder is not None:
        os.environ["PUENTES_BENCH_PROFILE"] = str(folder)  # read by bench/worker.py
    run = pipeline_throughput(texts, TARGETS)
    os.environ.pop("PUENTES_BENCH_PROFILE", None)
    print(figure("(b) full pipeline (tasks, memory, db):", posts / run.seconds, run.cpu))
    print(f"    ratio (b)/(a): {raw.seconds / run.seconds:.2f}  (target ≥ 0.5)")
    print(f"    ratio (b)/(f): {fair.seconds / run.seconds:.2f}  (target ≥ 0.8)")
    if folder is not None:
        print_profile(folder)
    if not rest:
        return
    times = save_latency(saves)
    slow, none, off = (p95(times.slow_engine), p95(times.no_engine), p95(times.switched_off))
    print(f"p95 save, the worker's engine taking 2 s a call: {slow * 1000:7.1f} ms")
    print(f"p95 save, no engine at all (no worker running):  {none * 1000:7.1f} ms")
    print(f"    ratio: {slow / none:.2f}  (target ≤ 1.10)")
    print(f"p95 save, translation switched off entirely:     {off * 1000:7.1f} ms")
    print(f"    what recording and queueing cost a save: {slow / off:.2f}x")
    print(
        f"    left by the killed slow workers, cleared: {times.left_unacknowledged} "
        f"unacknowledged and {times.left_queued} queued messages"
    )
    small, large = topic_page_queries((10, 500))
    print(f"topic page SQL queries: {small} at 10 posts, {large} at 500 posts (target: equal)")


def forget_messages() -> None:
    """The tasks the last saves sent, with no worker left to take them, go with the
    database they are about (bench/broker_leftovers.py: the broker must be the bench's)."""
    from broker_leftovers import clear_leftovers
    from django.conf import settings

    from cms.celery import app

    left = clear_leftovers(app, (settings.CELERY_TASK_DEFAULT_QUEUE, "translations"))
    print(
        f"broker: {left.queued} queued and {left.unacknowledged} unacknowledged messages "
        "left at the end, cleared"
    )


def figure(label: str, rate: float, split) -> str:
    """A throughput, and the CPU-seconds of the run's processes: Python's (the benchmark's
    or the worker's) and the engine's programs (Apertium's stages), read from /proc."""
    line = f"{label:<39}{rate:8.1f} posts/s"
    if split is None or not split.total:
        return line
    return f"{line}  CPU {split.python:5.1f} s Python + {split.engine:5.1f} s engine"


def print_profile(folder: Path) -> None:
    """Where the worker's tasks spent their time, all its processes together (cProfile)."""
    import pstats

    files = sorted(str(path) for path in folder.glob("tasks-*.prof"))
    if not files:
        print("    (no profile written)")
        return
    stats = pstats.Stats(*files, stream=sys.stdout)
    print(f"    profile of the worker's tasks ({len(files)} processes), by cumulative time:")
    stats.sort_stats("cumulative").print_stats(45)
    print("    by own time:")
    stats.sort_stats("tottime").print_stats(30)
    shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def throwaway_database(settings_module: str = "cms.settings.test") -> Iterator[str]:
    """Django set up (``settings_module``) on a database that is thrown away afterwards.

    Migrating the whole project takes ~20 s on SQLite, so a migrated SQLite file is kept
    under var/bench/ (named by the migrations and package versions) and copied each run.
    """
    folder = Path(tempfile.mkdtemp(prefix="puentes-bench-"))
    os.environ["PUENTES_VAR_DIR"] = str(folder)
    (folder / "static").mkdir()  # STATIC_ROOT, or WhiteNoise warns on the first request
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    # The worker process (bench/worker.py) inherits the environment: same database file
    # and broker folder (cms/settings/test.py names them after the run).
    os.environ["PUENTES_TEST_RUN"] = f"bench-{os.getpid()}"
    os.environ.setdefault("LOG_LEVEL", "WARNING")  # no line per task
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    backend = settings.CELERY_RESULT_BACKEND
    if backend.startswith("file://"):
        Path(backend.removeprefix("file://")).mkdir(parents=True, exist_ok=True)
    sqlite = connection.vendor == "sqlite"
    try:
        if sqlite:
            template = ROOT / "var" / "bench" / f"migrated-{migrations_digest()}.sqlite3"
            if not template.exists():
                call_command("migrate", verbosity=0)
                with connection.cursor() as cursor:
                    cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                connection.close()
                template.parent.mkdir(parents=True, exist_ok=True)
                for stale in template.parent.glob("migrated-*.sqlite3"):
                    stale.unlink()  # made before the migrations last changed
                shutil.copyfile(connection.settings_dict["NAME"], template)
            else:
                shutil.copyfile(template, connection.settings_dict["NAME"])
            yield f"SQLite in {folder}"
        else:
            name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
            os.environ["PUENTES_BENCH_DATABASE_NAME"] = name  # for the worker process
            yield f"{connection.vendor} {name} (dropped afterwards)"
            connection.creation.destroy_test_db(name, verbosity=0)
    finally:
        connection.close()  # the engine's processes end with it, at exit
        shutil.rmtree(folder, ignore_errors=True)


def migrations_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        digest.update(path.read_bytes())
    for package in ("django", "wagtail", "django-machina"):
        digest.update(metadata.version(package).encode())
    return digest.hexdigest()[:12]


if __name__ == "__main__":
    main()
