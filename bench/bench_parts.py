"""The measurements of bench/translation_pipeline.py (imported once Django is set up)."""

from __future__ import annotations

import contextlib
import itertools
import math
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
    started = time.perf_counter()
    for target in targets:
        engine.translate_batch(segments, "es", target)
    seconds = time.perf_counter() - started
    engine.close()
    return RawRun(seconds=seconds, all_segments=segments)


@contextlib.contextmanager
def celery_worker(*, slow_engine: bool = False) -> Iterator[float]:
    """A real worker in its own processes (bench/worker.py); yields the time it was ready.

    ``time.monotonic()`` is one clock for every process of the machine, so the figure is
    comparable with this process's own readings. The queues are purged afterwards: the
    slow worker leaves messages behind, which must not reach another run's worker.
    """
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
    try:
        deadline = time.monotonic() + 120
        while len(announced := [p for p in ready.iterdir() if p.suffix != ".part"]) < expected:
            if worker.poll() is not None:
                tail = (folder / "worker.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"the worker exited with {worker.returncode}:\n{tail}")
            if time.monotonic() > deadline:
                raise RuntimeError("the worker did not start within 120 s")
            time.sleep(0.01)
        yield max(float(path.read_text()) for path in announced)
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
        app.control.purge()
        if not os.environ.get("PUENTES_BENCH_KEEP_WORKER_LOG"):  # set it to read worker.log
            shutil.rmtree(folder, ignore_errors=True)


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


def pipeline_throughput(posts: list[Post], targets: tuple[str, ...]) -> float:
    """Seconds from starting the worker to every translation of every post done."""
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
    with celery_worker() as ready:  # engine and language model warm, as in production
        while True:
            counts = rows.aggregate(**progress)
            if counts["failed"]:
                raise RuntimeError("a translation failed")
            if counts["done"] == expected:
                break
            time.sleep(0.05)
        return time.monotonic() - ready


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


@dataclass
class SaveTimes:
    """Seconds per new-topic POST, by condition (see :func:`save_latency`)."""

    slow_engine: list[float] = field(default_factory=list)
    no_engine: list[float] = field(default_factory=list)
    switched_off: list[float] = field(default_factory=list)


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
        with celery_worker(slow_engine=True):
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
