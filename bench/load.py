"""A load test of the production shape on this machine.

    .venv/bin/python bench/load.py [--readers 50] [--posts-per-second 5] [--seconds 60]
                                   [--warm-up 20] [--web-workers 3] [--quick] [--reuse]

Starts what the README's production section runs: gunicorn (``cms/gunicorn.py``, N
workers) with the production settings on PostgreSQL (a throwaway database ``perf_load``
beside DATABASE_URL's, default ``postgres://postgres@127.0.0.1:5432/perf``), Redis as
broker, result backend and cache (DB 13, 14 and 15 of REDIS_HOST, default 127.0.0.1:6379,
emptied first), a Celery worker on both queues and beat. Loads the demo course enlarged to
50 members and 2,000 posts (bench/load_data.py), then drives:

- ``--readers`` members, each signed in through /accounts/login/ (their own session and,
  through the trusted proxy, their own client address), reading in a loop with a pause
  between pages (``--think``, seconds on average, uniform from 0 to twice that): topic
  pages, week pages, "This week", the forum index, search and "My progress";
- ``--posts-per-second`` replies through the reply form (GET the form, POST it with its
  CSRF token), by members other than the readers;

for ``--warm-up`` seconds and then ``--seconds``. Each reader starts at a moment of their
own within their first pause, as members arrive, not all in the same instant. The site has
just started with its caches empty (Redis emptied): the warm-up's figures are printed on a
line of their own, and the figures per page type (requests, errors, p50/p95/p99) are those
of the requests started after it, the site's steady state. Then the
freshness of the posts written during the load: from each post's save to its last
translation done (it waits up to 60 s after the load for them). Every process it started
is stopped at the end. ``--reuse`` keeps the database of the previous run (set up once:
migrate, demo, posts; migrated again if the code has new migrations), so that runs before
and after a change read the same course. Before the load the database is vacuumed and
analysed, as autovacuum keeps a live one.

The load generator runs on the same two cores as the site: its own CPU is part of what
the site competes with, as a second host would not be.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import secrets  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from contextlib import contextmanager, suppress  # noqa: E402
from urllib.parse import urlsplit  # noqa: E402

from load_driver import Member, Results, fill_reply, sign_in  # noqa: E402

PY = sys.executable
BIN = Path(PY).parent
SEARCH_WORDS = ["cooperativa", "crédito", "Montreal", "vivienda", "ferias locales", "agua"]


def main() -> None:
    parser = argparse.ArgumentParser(description="Puentes load test (production shape)")
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--posts-per-second", type=float, default=5.0)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument(
        "--warm-up", type=float, default=20.0, help="seconds of load before the counted ones"
    )
    parser.add_argument("--think", type=float, default=2.0, help="mean pause between pages")
    parser.add_argument("--web-workers", type=int, default=3)
    parser.add_argument("--worker-concurrency", type=int, default=2)
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--quick", action="store_true", help="5 readers, 1 post/s, 20 s")
    parser.add_argument("--reuse", action="store_true", help="keep the previous database")
    args = parser.parse_args()
    if args.quick:
        args.readers, args.posts_per_second, args.seconds, args.warm_up = 5, 1.0, 20.0, 5.0
    print(f"machine: {os.cpu_count()} cores, load average {load_average()} at the start")
    environment = production_environment()
    os.environ.update(environment)
    started = time.perf_counter()
    flush_redis()  # before the set-up: the demo's translations wait in the broker
    state = database_state() if args.reuse else "none"
    if state != "enlarged":
        set_up_database(members=args.members, posts=args.posts, fresh=state == "none")
    else:  # the code may have migrations the kept database has not
        subprocess.run(  # noqa: S603 -- our own manage.py
            [PY, str(ROOT / "manage.py"), "migrate", "-v", "0"], check=True, cwd=ROOT
        )
    vacuum_analyze()
    if not (args.reuse and (Path(os.environ["STATIC_ROOT"]) / "staticfiles.json").exists()):
        subprocess.run(  # noqa: S603
            [PY, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v", "0"],
            check=True,
            cwd=ROOT,
        )
    print(f"set-up {time.perf_counter() - started:.0f}s")
    import django

    django.setup()
    from load_data import describe

    from cms.demo import COURSE_SLUG
    from courses.models import CoursePage

    course = describe(CoursePage.objects.get(slug=COURSE_SLUG))
    port = free_port()
    with processes(args, port):
        base = f"http://127.0.0.1:{port}"
        wait_for_site(base)
        wait_for_translations()
        run_load(args, base, course)
    print(f"load average {load_average()} at the end; total {time.perf_counter() - started:.0f}s")


def production_environment() -> dict[str, str]:
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/perf")
    parts = urlsplit(url)
    redis = os.environ.get("REDIS_HOST", "127.0.0.1:6379")
    var = Path(os.environ.get("PUENTES_VAR_DIR", ROOT / "var")) / "load"
    var.mkdir(parents=True, exist_ok=True)
    return {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DATABASE_URL": parts._replace(path="/perf_load").geturl(),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WAGTAILADMIN_BASE_URL": "https://127.0.0.1",
        "REDIS_URL": f"redis://{redis}/15",
        "CELERY_BROKER_URL": f"redis://{redis}/13",
        "CELERY_RESULT_BACKEND": f"redis://{redis}/14",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "PUENTES_VAR_DIR": str(var),
        "STATIC_ROOT": str(var / "static"),
        "MEDIA_ROOT": str(var / "media"),
        # The load generator is the TLS proxy: it says https and each reader's address.
        "PUENTES_TRUSTED_PROXIES": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }


def database_state() -> str:
    """ "none", "demo" (migrated, demo loaded) or "enlarged"."""
    import psycopg

    with admin_connection() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = 'perf_load'")
        if cursor.fetchone() is None:
            return "none"
    with psycopg.connect(os.environ["DATABASE_URL"]) as connection:
        try:
            row = connection.execute(
                "SELECT count(*) FROM translations_posttranslation WHERE engine = 'bench-copy'"
            ).fetchone()
        except psycopg.Error:
            return "none"
        return "enlarged" if row and row[0] else "demo"


@contextmanager
def admin_connection():
    import psycopg

    url = urlsplit(os.environ["DATABASE_URL"])._replace(path="/postgres").geturl()
    with psycopg.connect(url, autocommit=True) as connection:
        yield connection.cursor()


def set_up_database(*, members: int, posts: int, fresh: bool) -> None:
    manage = [PY, str(ROOT / "manage.py")]
    if fresh:
        with admin_connection() as cursor:
            cursor.execute("DROP DATABASE IF EXISTS perf_load WITH (FORCE)")
            cursor.execute("CREATE DATABASE perf_load")
        for command in (["migrate", "-v", "0"], ["load_demo"]):
            subprocess.run(  # noqa: S603 -- our own manage.py
                [*manage, *command], check=True, cwd=ROOT, stdout=subprocess.DEVNULL
            )
    enlarge = f"load_data.enlarge(members={members}, posts={posts})"
    subprocess.run(  # noqa: S603 -- our own script, in a process of its own (Django set up there)
        [PY, "-c", f"import django; django.setup(); import load_data; {enlarge}"],
        check=True,
        cwd=ROOT,  # first on the path: bench/notifications.py is not the app
        env={**os.environ, "PYTHONPATH": f"{ROOT}:{HERE}"},
    )  # fmt: skip


def vacuum_analyze() -> None:
    """The state autovacuum keeps a live database in: statistics of the bulk-loaded posts
    and of the previous runs' replies for the planner, and the visibility map that lets
    PostgreSQL answer from an index alone. Without it, the first minutes after a bulk load
    are measured, not the site."""
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def flush_redis() -> None:
    import redis

    host, port = os.environ.get("REDIS_HOST", "127.0.0.1:6379").split(":")
    for db in (13, 14, 15):  # ours only (never FLUSHALL)
        redis.Redis(host=host, port=int(port), db=db).flushdb()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def processes(args, port: int):
    """gunicorn, a Celery worker and beat, each in its own process group, all stopped."""
    log = Path(os.environ["PUENTES_VAR_DIR"]) / "processes.log"
    commands = {
        "gunicorn": [str(BIN / "gunicorn"), "-c", "python:cms.gunicorn", "cms.wsgi"],
        "worker": [str(BIN / "celery"), "-A", "cms", "worker", "-Q", "translations,default",
                   "--concurrency", str(args.worker_concurrency), "-l", "WARNING"],
        "beat": [str(BIN / "celery"), "-A", "cms", "beat", "-l", "WARNING", "-s",
                 str(Path(os.environ["PUENTES_VAR_DIR"]) / "celerybeat-schedule")],
    }  # fmt: skip
    environment = {**os.environ, "WEB_CONCURRENCY": str(args.web_workers)}
    environment["BIND"] = f"127.0.0.1:{port}"
    started: list[subprocess.Popen] = []
    with log.open("ab") as output:
        try:
            for command in commands.values():
                started.append(
                    subprocess.Popen(  # noqa: S603 -- our own programs
                        command,
                        cwd=ROOT,
                        env=environment,
                        stdout=output,
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    )
                )
            yield
        finally:
            for process in started:
                with _gone():
                    os.killpg(process.pid, signal.SIGTERM)
            for process in started:
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    with _gone():
                        os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
                with _gone():  # children left in the group (none expected)
                    os.killpg(process.pid, signal.SIGKILL)


def _gone():
    return suppress(ProcessLookupError)


def wait_for_site(base: str) -> None:
    import requests

    deadline = time.monotonic() + 300
    started = time.monotonic()
    while time.monotonic() < deadline:
        try:
            answer = requests.get(f"{base}/", headers=Member.proxy_headers("10.9.9.9"), timeout=300)
        except requests.ConnectionError:
            time.sleep(0.05)
            continue
        if answer.status_code >= 500:
            raise RuntimeError(f"the site answered {answer.status_code}")
        print(f"first request answered {time.monotonic() - started:.1f}s after start")
        return
    raise RuntimeError("the site did not answer within 300 s")


def wait_for_translations() -> None:
    """The demo's own pages and posts translated before the clock starts (bounded)."""
    from translations.models import PostTranslation, TextTranslation

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        pending = (
            PostTranslation.objects.filter(status="pending").count()
            + TextTranslation.objects.filter(status="pending").count()
        )
        if not pending:
            return
        time.sleep(1)
    print(f"warning: {pending} translations still pending before the load")


def run_load(args, base: str, course) -> None:
    from django.db.models import Max
    from machina.core.db.models import get_model

    Post = get_model("forum_conversation", "Post")
    names = list(course.usernames)
    random.Random(1).shuffle(names)
    writers_needed = max(1, min(10, round(args.posts_per_second * 2)))
    posters = names[:writers_needed] if args.posts_per_second else []
    others = [n for n in names if n not in posters]
    # More readers than members: some read on a second device (a session each).
    reader_names = [others[i % len(others)] for i in range(args.readers)]
    results = Results()
    print(f"signing in {len(reader_names)} readers and {len(posters)} posters...")
    readers = sign_in(base, reader_names, results)
    writers = sign_in(base, posters, results, first_address=200)
    results.reset()  # sign-ins are not the load
    results.warm_up = Results()
    before = Post.objects.aggregate(last=Max("pk"))["last"] or 0
    results.counted_from = time.monotonic() + args.warm_up
    stop = results.counted_from + args.seconds
    threads = [
        threading.Thread(target=read_loop, args=(m, course, stop, args.think, results, n))
        for n, m in enumerate(readers)
    ]
    if writers:
        threads.append(
            threading.Thread(target=post_loop, args=(writers, course, stop, args, results))
        )
    print(
        f"load: {len(readers)} readers (pause {args.think:g}s on average), "
        f"{args.posts_per_second:g} posts/s, {args.warm_up:g}s of warm-up then {args.seconds:g}s, "
        f"{args.web_workers} gunicorn workers, load average {load_average()}"
    )
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if args.warm_up:
        print(f"warm-up (not counted): {results.warm_up.summary(args.warm_up)}")
    results.report(args.seconds)
    freshness(Post, before)


def read_loop(member: Member, course, stop: float, think: float, results: Results, n: int):
    rng = random.Random(n)
    pages = [
        ("topic", 4, lambda: rng.choice(course.topic_urls)),
        ("week", 2, lambda: rng.choice(course.week_urls)),
        ("this week", 2, lambda: "/this-week/"),
        ("forum index", 2, lambda: "/forum/"),
        ("search", 1, lambda: f"/forum/search/?q={rng.choice(SEARCH_WORDS)}"),
        ("my progress", 1, lambda: "/forum/my/progress/"),
    ]
    kinds = [kind for kind in pages for _ in range(kind[1])]
    time.sleep(rng.uniform(0, 2 * think))  # members arrive one by one, not all at once
    while time.monotonic() < stop:
        name, _weight, url = rng.choice(kinds)
        member.get(url(), kind=name, results=results)
        time.sleep(rng.uniform(0, 2 * think))


def post_loop(writers: list[Member], course, stop: float, args, results: Results) -> None:
    """One reply every 1/P seconds, each on its own thread (a slow answer does not slow the
    rate), by the writers in turn; a writer's session serves one post at a time."""
    from corpus import corpus

    texts = corpus(10_000, seed=99)
    interval = 1 / args.posts_per_second
    locks = [threading.Lock() for _ in writers]
    rng = random.Random(5)
    threads = []
    next_at = time.monotonic()
    for index in range(10_000):
        if next_at >= stop:
            break
        time.sleep(max(0.0, next_at - time.monotonic()))
        which = index % len(writers)
        url = rng.choice(course.reply_urls)
        thread = threading.Thread(
            target=_reply, args=(writers[which], locks[which], url, texts[index], results)
        )
        thread.start()
        threads.append(thread)
        next_at += interval
    for thread in threads:
        thread.join()


def _reply(member: Member, lock: threading.Lock, url: str, text, results: Results) -> None:
    """A writer still busy with their previous reply a second later skips this one (counted
    apart): a saturated site must not pile up replies past the end of the load."""
    if not lock.acquire(timeout=1.0):
        results.add("reply skipped", 0.0, "the writer's previous reply was still waiting")
        return
    try:
        fill_reply(member, url, subject=text.subject, content=text.content, results=results)
    finally:
        lock.release()


def freshness(Post, before: int) -> None:
    """From each load post's save to its last translation done; waits up to 60 s for them."""
    from translations.models import PostTranslation

    posts = dict(Post.objects.filter(pk__gt=before).values_list("pk", "created"))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        waiting = PostTranslation.objects.filter(post_id__in=posts).exclude(status="done")
        if not waiting.exists():
            break
        time.sleep(0.5)
    done: dict[int, float] = {}
    unfinished = set()
    for post_id, status, at in PostTranslation.objects.filter(post_id__in=posts).values_list(
        "post_id", "status", "translated_at"
    ):
        if status != "done" or at is None:
            unfinished.add(post_id)
        else:
            done[post_id] = max(done.get(post_id, 0.0), (at - posts[post_id]).total_seconds())
    values = sorted(v for k, v in done.items() if k not in unfinished)
    print(
        f"freshness of {len(posts)} posts written during the load: {len(values)} translated "
        f"into every language, {len(unfinished)} not within 60 s after the load"
    )
    if values:
        print(
            f"  save -> every translation: p50 {Results.percentile(values, 50):.2f}s, "
            f"p95 {Results.percentile(values, 95):.2f}s, max {values[-1]:.2f}s"
        )


def load_average() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
