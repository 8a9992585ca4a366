"""The measurements of bench/translation_pipeline.py (imported once Django is set up)."""

from __future__ import annotations

import contextlib
import itertools
import math
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from broker_leftovers import Leftovers
from corpus import Post
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.signals import post_save
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from machina.core.db.models import get_model
from machina.core.loading import get_class
from machina.test.factories import create_forum, create_topic

from forum.translation import post_saved
from tests.forum.helpers import course_forum, grant, member, topic_url
from translations.engines.apertium import ApertiumEngine
from translations.markup import extract_segments
from translations.models import PostLanguage, PostTranslation

HERE = Path(__file__).resolve().parent
Post_ = get_model("forum_conversation", "Post")
Status = PostTranslation.Status


@dataclass
class RawRun:
    seconds: float
    all_segments: list[str] = field(default_factory=list)
    cpu: CpuSplit | None = None
    translated: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def segments(self) -> int:
        return len(self.all_segments)

    @property
    def characters(self) -> int:
        return sum(len(s) for s in self.all_segments)


def prose_segments(post: Post) -> list[str]:
    return [*extract_segments(post.subject).segments, *extract_segments(post.content).segments]


def raw_engine_throughput(posts: list[Post], targets: tuple[str, ...]) -> RawRun:
    """All prose of all posts, one translate_batch per target, on a started engine."""
    engine = ApertiumEngine()
    for target in targets:
        engine.translate_batch(["Hola"], "es", target)  # start-up is not throughput
    segments = [segment for post in posts for segment in prose_segments(post)]
    cpu = CpuMeter(os.getpid())
    started = time.perf_counter()
    answers = {target: engine.translate_batch(segments, "es", target) for target in targets}
    seconds = time.perf_counter() - started
    run = RawRun(seconds=seconds, all_segments=segments, cpu=cpu.used())
    run.translated = {
        (target, segment): answer
        for target, translated in answers.items()
        for segment, answer in zip(segments, translated, strict=True)
    }
    engine.close()
    return run


# The fair reference's pool processes: each its own warm engine (set by _warm_engine).
_pool_engine: ApertiumEngine | None = None


def _warm_engine(targets: tuple[str, ...], ready: Any) -> None:
    """A pool process starts its engine, then waits until every other one has too."""
    global _pool_engine  # noqa: PLW0603 -- one engine per pool process, as a worker has
    _pool_engine = ApertiumEngine()
    for target in targets:
        _pool_engine.translate_batch(["Hola"], "es", target)
    ready.wait()


def _translate_chunk(job: tuple[str, list[str]]) -> list[str]:
    target, segments = job
    assert _pool_engine is not None  # noqa: S101 -- set by the pool's initializer
    return _pool_engine.translate_batch(segments, "es", target)


def fair_reference(segments: list[str], targets: tuple[str, ...]) -> FairRun:
    """The unique segments, the targets and engines in parallel on every core.

    A pool of ``os.cpu_count()`` processes, each with its own warm Apertium (started
    before the clock, as a long-running worker has it); the unique segments are split
    into one chunk a process for each target, and the (target, chunk) jobs go to the pool
    one at a time. On a machine with more cores this is the limit a translation
    pipeline could reach; on 2 cores one warm pipeline already keeps both busy.
    """
    unique = list(dict.fromkeys(segments))
    processes = os.cpu_count() or 1
    size = math.ceil(len(unique) / processes)
    jobs = [
        (target, unique[start : start + size])
        for target in targets
        for start in range(0, len(unique), size)
    ]
    context = multiprocessing.get_context("fork")  # the engine needs no Django: safe to fork
    ready = context.Barrier(processes + 1)
    with context.Pool(processes, initializer=_warm_engine, initargs=(targets, ready)) as pool:
        ready.wait(timeout=120)  # every process's engine started: the clock starts now
        cpu = CpuMeter(os.getpid())
        started = time.perf_counter()
        answers = pool.map(_translate_chunk, jobs, chunksize=1)
        seconds = time.perf_counter() - started
        used = cpu.used()
    translated = {
        (target, segment): answer
        for (target, chunk), chunk_answers in zip(jobs, answers, strict=True)
        for segment, answer in zip(chunk, chunk_answers, strict=True)
    }
    return FairRun(
        seconds=seconds, unique=len(unique), processes=processes, cpu=used, translated=translated
    )


@dataclass
class FairRun:
    seconds: float
    unique: int
    processes: int
    cpu: CpuSplit
    translated: dict[tuple[str, str], str]


@dataclass
class CpuSplit:
    """CPU-seconds of a process tree: its Python processes, and the engine's programs."""

    python: float = 0.0
    engine: float = 0.0

    @property
    def total(self) -> float:
        return self.python + self.engine


class CpuMeter:
    """CPU time used by a process and everything it started since the meter was made.

    Read from /proc (Linux): user and system time of each process of the tree, with that
    of its children already ended (a fresh Apertium tagger ends after a few segments).
    Apertium's stages run in process groups of their own but stay children of the
    process that started them, so the tree finds them. Elsewhere, no figures (zeros).
    """

    def __init__(self, root: int) -> None:
        self.root = root
        self.tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        self.start = self.sample()

    def sample(self) -> dict[int, tuple[str, float]]:
        stats: dict[int, tuple[int, str, float]] = {}
        for entry in Path("/proc").iterdir() if Path("/proc/self/stat").exists() else ():
            if not entry.name.isdigit():
                continue
            try:
                raw = (entry / "stat").read_text()
            except OSError:
                continue  # ended meanwhile
            name = raw[raw.index("(") + 1 : raw.rindex(")")]
            fields = raw[raw.rindex(")") + 2 :].split()
            # After the name: state, ppid, …; utime, stime, cutime, cstime are 14–17 of stat.
            seconds = sum(int(value) for value in fields[11:15]) / self.tick
            stats[int(entry.name)] = (int(fields[1]), name, seconds)
        tree, grew = {self.root}, True
        while grew:
            more = {pid for pid, (ppid, _n, _s) in stats.items() if ppid in tree} - tree
            grew = bool(more)
            tree |= more
        return {pid: (stats[pid][1], stats[pid][2]) for pid in tree if pid in stats}

    def used(self) -> CpuSplit:
        split = CpuSplit()
        for pid, (name, seconds) in self.sample().items():
            spent = seconds - self.start.get(pid, (name, 0.0))[1]
            if name.startswith("python") or pid == self.root:
                split.python += spent
            else:
                split.engine += spent
        return split


@contextlib.contextmanager
def celery_worker(*, slow_engine: bool = False) -> Iterator[StartedWorker]:
    """A real worker in its own processes (bench/worker.py), started and warm.

    ``time.monotonic()`` is one clock for every process of the machine, so the time it was
    ready is comparable with this process's own readings. Once it has ended, what it left
    in the broker is cleared (bench/broker_leftovers.py): the slow worker is killed with
    messages taken and not acknowledged, which must not reach another run's worker.
    """
    from broker_leftovers import clear_leftovers
    from django.conf import settings

    from cms.celery import app

    folder = Path(tempfile.mkdtemp(prefix="puentes-bench-worker-"))
    ready = folder / "ready"
    ready.mkdir()
    command = [sys.executable, str(HERE / "worker.py"), str(ready)]
    if slow_engine:
        command.append("--slow-engine")
    log = (folder / "worker.log").open("wb")
    worker = subprocess.Popen(  # noqa: S603 -- our own script
        command,
        env=os.environ.copy(),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so that its children end with it
    )
    expected = 1 + (os.cpu_count() or 1)  # the main process and one per core
    started: StartedWorker | None = None
    try:
        deadline = time.monotonic() + 120
        while len(announced := [p for p in ready.iterdir() if p.suffix != ".part"]) < expected:
            if worker.poll() is not None:
                tail = (folder / "worker.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"the worker exited with {worker.returncode}:\n{tail}")
            if time.monotonic() > deadline:
                raise RuntimeError("the worker did not start within 120 s")
            time.sleep(0.01)
        started = StartedWorker(
            ready=max(float(path.read_text()) for path in announced), pid=worker.pid
        )
        yield started
    finally:
        if slow_engine:  # nothing of its work is measured: no need to wait 2-s calls out
            os.killpg(worker.pid, signal.SIGKILL)
        else:
            worker.send_signal(signal.SIGTERM)  # warm shutdown: the running task finishes
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
        log.close()
        queues = (settings.CELERY_TASK_DEFAULT_QUEUE, "translations")  # bench/worker.py's
        left = clear_leftovers(app, queues)
        if started is not None:
            started.leftovers = left
        if not os.environ.get("PUENTES_BENCH_KEEP_WORKER_LOG"):  # set it to read worker.log
            shutil.rmtree(folder, ignore_errors=True)


@dataclass
class StartedWorker:
    ready: float  # time.monotonic() when its last process was ready
    pid: int  # its main process: the pool's processes and engines are its descendants
    leftovers: Leftovers | None = None  # what it left in the broker, cleared once it ended


def save_posts(posts: list[Post], *, per_topic: int = 10) -> list[int]:
    """Posts saved through the ORM; the real receiver queues each one after its commit."""
    author = member("es")
    forum = create_forum()
    ids = []
    for index, post in enumerate(posts):
        if index % per_topic == 0:
            topic = create_topic(forum=forum, poster=author, subject=post.subject)
        saved = Post_(topic=topic, poster=author, subject=post.subject, content=post.content)
        saved.puentes_chosen_language = "es"  # as the new-topic form sets it
        with transaction.atomic():
            saved.save()
        ids.append(saved.pk)
    return ids


@dataclass
class PipelineRun:
    seconds: float
    cpu: CpuSplit


def pipeline_throughput(posts: list[Post], targets: tuple[str, ...]) -> PipelineRun:
    """Seconds from the worker being ready to every translation of every post done."""
    ids = save_posts(posts)
    expected = len(ids) * len(targets)
    queued = PostTranslation.objects.filter(post_id__in=ids, status=Status.PENDING).count()
    if queued != expected:
        raise RuntimeError(f"{queued} translations pending, expected {expected}")
    # One cheap query a poll: the clock must not steal the two cores from the worker.
    rows = PostTranslation.objects.filter(post_id__gte=min(ids), post_id__lte=max(ids))
    progress = {
        "done": Count("pk", filter=Q(status=Status.DONE)),
        "failed": Count("pk", filter=Q(status=Status.FAILED)),
    }
    with celery_worker() as worker:  # engine and language model warm, as in production
        cpu = CpuMeter(worker.pid)
        while True:
            counts = rows.aggregate(**progress)
            if counts["failed"]:
                raise RuntimeError("a translation failed")
            if counts["done"] == expected:
                break
            time.sleep(0.05)
        return PipelineRun(seconds=time.monotonic() - worker.ready, cpu=cpu.used())


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


@dataclass
class SaveTimes:
    """Seconds per new-topic POST, by condition (see :func:`save_latency`)."""

    slow_engine: list[float] = field(default_factory=list)
    no_engine: list[float] = field(default_factory=list)
    switched_off: list[float] = field(default_factory=list)
    #: What the killed slow workers left in the broker, cleared after each.
    left_queued: int = 0
    left_unacknowledged: int = 0


def save_latency(saves: int, *, block: int = 40) -> SaveTimes:
    """New-topic POSTs through machina's view, ``saves`` in each of three conditions.

    - slow engine: the worker runs, busy with an engine that waits 2 s a call;
    - no engine: no worker at all, nothing translates (the save is the same product);
    - switched off: the pipeline's receiver disconnected, nothing recorded or queued.

    Rounds of ``block`` saves with the slow worker then ``block`` with none, each round
    alternating with "switched off" saves, so that drift hits every condition alike.
    """
    from corpus import corpus

    author = member("es")
    forum = course_forum()  # a course's week forum, as the product gives access
    grant(author, forum)
    client = Client()
    client.force_login(author)
    url = reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk])
    texts = itertools.cycle(corpus(400, seed=7))
    times = SaveTimes()

    def post(measured: list[float] | None, *, translated: bool = True) -> None:
        text = next(texts)
        if not translated:
            post_save.disconnect(post_saved, sender=Post_)
        began = time.perf_counter()
        response = client.post(
            url,
            {
                "subject": text.subject,
                "content": text.content,
                "language": "es",
                "topic_type": 0,
                # A course's week forum lets its members attach files: the form's formset.
                "attachment-TOTAL_FORMS": "0",
                "attachment-INITIAL_FORMS": "0",
            },
        )
        elapsed = time.perf_counter() - began
        if not translated:
            post_save.connect(post_saved, sender=Post_)
        if response.status_code != 302:
            raise RuntimeError(f"saving a topic answered {response.status_code}")
        if measured is not None:
            measured.append(elapsed)

    for _ in range(4):  # the first requests fill caches
        post(None)
    while len(times.slow_engine) < saves:
        with celery_worker(slow_engine=True) as worker:
            post(None)  # the worker takes it: busy from now on
            for index in range(block):
                if index % 2 == (index // 2) % 2:  # slow, off, off, slow, …
                    post(times.slow_engine)
                else:
                    post(times.switched_off, translated=False)
            busy = PostTranslation.objects.filter(
                status=Status.PENDING, retry_at__isnull=False
            ).exists()
            if not busy:
                raise RuntimeError("the slow worker should be busy during the saves")
        if worker.leftovers is not None:
            times.left_queued += worker.leftovers.queued
            times.left_unacknowledged += worker.leftovers.unacknowledged
        for index in range(block):
            if index % 2 == (index // 2) % 2:
                post(times.no_engine)
            else:
                post(times.switched_off, translated=False)
    return times


def topic_page_queries(sizes: tuple[int, ...]) -> list[int]:
    """Queries of one topic page showing every post, each with its translations done."""
    topic_view = get_class("forum_conversation.views", "TopicView")
    topic_view.paginate_by = max(sizes)  # all posts on one page
    reader = member("en")
    forum = course_forum()
    grant(reader, forum)
    author = member("es")
    grant(author, forum)
    client = Client()
    client.force_login(reader)
    counts = []
    post_save.disconnect(post_saved, sender=Post_)
    try:
        for size in sizes:
            topic = create_topic(forum=forum, poster=author, subject=f"Tema de {size}")
            # In bulk: machina's per-save trackers would make 500 posts slow to set up.
            posts = Post_.objects.bulk_create(
                Post_(topic=topic, poster=author, subject="Re: tema", content=f"Hola {n}.")
                for n in range(size)
            )
            topic.update_trackers()
            PostLanguage.objects.bulk_create(
                PostLanguage(post=post, language="es", chosen_by_author=True) for post in posts
            )
            PostTranslation.objects.bulk_create(
                PostTranslation(
                    post=post,
                    language=code,
                    source_language="es",
                    source_digest="x",
                    status=Status.DONE,
                    subject="Re: topic",
                    content=f"Hello number {n}.",
                    content_rendered=f"<p>Hello number {n}.</p>",
                    engine="apertium",
                )
                for n, post in enumerate(posts)
                for code in ("en", "fr")
            )
            url = topic_url(topic)
            client.get(url)  # caches (permissions, templates) as a reader's second visit
            with CaptureQueriesContext(transaction.get_connection()) as queries:
                response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"the topic page answered {response.status_code}")
            shown = response.content.decode().count("Hello number")
            if shown < size:
                raise RuntimeError(f"the page shows {shown} translated posts of {size}")
            counts.append(len(queries.captured_queries))
    finally:
        post_save.connect(post_saved, sender=Post_)
    return counts
