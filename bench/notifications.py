"""Notifications: a course's day of posts, its emails and notices, digests, and delays.

    .venv/bin/python bench/notifications.py [--quick]

A course of 300 members (a third each reading Spanish, English and French; a quarter on a
daily digest, the others with the default settings: an email for each notice) and its week
forum in its default subscription mode (optional: nobody follows the whole forum); members
follow the topics they post in, as with the topic's Subscribe button. 200 Spanish posts
(bench/corpus.py: mentions of five members among them) are written through the ORM in 20
topics, each in its own transaction, as machina saves them: the real receivers make the
notices and queue their emails. A real Celery worker (bench/worker.py, as `./dev run`
starts it) translates them through the real pipeline with LibreTranslate's API on a
loopback server that takes 2 s a request, and sends the emails to a loopback SMTP server
(aiosmtpd) in this process. Prints:

- the notices and emails produced, and the SQL queries a post's save costs;
- the delay from a post's commit to each of its emails reaching the SMTP server (p50, p95,
  max), for readers of Spanish (waiting for the language to be detected) and of English or
  French (the email waits for the 2-s translation, looking again every
  NOTIFICATIONS_TRANSLATION_POLL), for the burst and for the paced posts;
- the time to build and send the next morning's daily digests (in this process, SMTP to
  the same server), and the SQL queries per digest: a digest member's digest covering the
  day's first 50 posts and all 200, side by side (target: equal);
- the SQL queries of a reply's save in a topic followed by 10 members and by all the others
  (target: equal).

PUENTES_BENCH_SHOW_QUERIES=1 prints the SQL of the save that told the most members;
PUENTES_BENCH_PROFILE=1 a profile of sending the digests.

Database and broker as bench/translation_pipeline.py: a throwaway SQLite file (or a test
database beside DATABASE_URL's) and the configured broker (embedded by default).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# This script is called like the app: the project's folder goes first, so that
# `import notifications` is the app (bench/ stays on the path for corpus, bench_parts...).
sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import cProfile  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import pstats  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import socket  # noqa: E402
import statistics  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from email import message_from_bytes, policy  # noqa: E402
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer  # noqa: E402
from typing import Any  # noqa: E402

from aiosmtpd.controller import Controller  # noqa: E402

#: What the loopback translation engine takes for each request.
ENGINE_SECONDS = 2.0
#: Seconds between two posts of the paced part: the engine keeps up.
PACED = 3.0
LANGUAGES = ("es", "en", "fr")
#: Usernames bench/corpus.py's posts mention.
MENTIONED = ("ana_lopez", "carlos", "mjose", "pierre", "lucia")


# ---------------------------------------------------------------------------
# Loopback servers: SMTP (aiosmtpd) and a slow LibreTranslate
# ---------------------------------------------------------------------------
@dataclass
class Received:
    at: float  # time.time() when the server had the whole message
    key: str  # X-Puentes-Email: "notice:<id>" or "digest:..."
    text: str  # the plain-text part


@dataclass
class Inbox:
    messages: list[Received] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        at = time.time()
        message = message_from_bytes(envelope.content, policy=policy.default)
        body = message.get_body(preferencelist=("plain",))  # type: ignore[attr-defined]
        text = body.get_content() if body is not None else ""
        self.messages.append(Received(at, str(message["X-Puentes-Email"] or ""), text))
        return "250 Message accepted for delivery"


class SlowLibreTranslate(BaseHTTPRequestHandler):
    """LibreTranslate's /translate, answering after ENGINE_SECONDS: "[en] <text>"."""

    protocol_version = "HTTP/1.1"
    calls = 0

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        length = int(self.headers.get("Content-Length") or 0)
        payload = json.loads(self.rfile.read(length) or b"{}")
        time.sleep(ENGINE_SECONDS)
        type(self).calls += 1
        target, texts = payload.get("target"), payload.get("q")
        if isinstance(texts, list):
            answer: Any = [f"[{target}] {text}" for text in texts]
        else:
            answer = f"[{target}] {texts}"
        data = json.dumps({"translatedText": answer}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ---------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description="Puentes notifications benchmark")
    parser.add_argument("--quick", action="store_true", help="120 members, 60 + 6 posts (~3–4 min)")
    args = parser.parse_args()
    members, posts, sizes = (120, 60, (15, 60)) if args.quick else (300, 200, (50, 200))
    started = time.perf_counter()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"machine: {os.cpu_count()} cores, load average {load} at the start")

    inbox = Inbox()
    smtp_port = free_port()
    smtp = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    engine = ThreadingHTTPServer(("127.0.0.1", 0), SlowLibreTranslate)
    engine.daemon_threads = True
    threading.Thread(target=engine.serve_forever, daemon=True).start()
    host, port = engine.server_address[:2]
    # Read by the settings, here and in the worker (which inherits the environment).
    os.environ.update(
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        TRANSLATION_ENGINE="libretranslate",
        TRANSLATION_API_URL=f"http://{host}:{port}/",
        WAGTAILADMIN_BASE_URL="https://puentes.example.org",
    )
    from translation_pipeline import throwaway_database

    try:
        with throwaway_database("notifications_settings") as note:
            print(f"database: {note}")
            report(inbox, members=members, posts=posts, sizes=sizes)
    finally:
        smtp.stop()
        engine.shutdown()
    print(f"total {time.perf_counter() - started:.1f}s")


@dataclass
class Saved:
    post_id: int
    committed: float  # time.time()
    queries: int
    notices: int
    sql: list[str] = field(default_factory=list)


def report(inbox: Inbox, *, members: int, posts: int, sizes: tuple[int, int]) -> None:
    from bench_parts import celery_worker, p95
    from django.conf import settings

    from notifications.models import Email, Notice

    # setup_test_environment() put Django's in-memory outbox in place: digests are sent
    # from this process, to the same SMTP server as the worker's emails.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    began = time.perf_counter()
    forum, people = course(members)
    digest_members = sum(1 for person in people if person.digest)
    print(
        f"course: {members} members (es/en/fr readers a third each), {digest_members} on a "
        f"daily digest, the others default (an email each); set up in "
        f"{time.perf_counter() - began:.0f}s"
    )
    paced_posts = max(posts // 10, 5)
    with celery_worker():
        began = time.perf_counter()
        day = Day(forum, people, corpus_texts(posts + paced_posts + 4))
        keen = day.keen
        saved = day.write(posts, pace=0.3)
        written = time.perf_counter() - began
        pending = wait_for_emails(timeout=120 + posts)
        waited = time.perf_counter() - began - written
        sent_then = len(inbox.messages)
        paced = day.write(paced_posts, pace=PACED)
        pending += wait_for_emails(timeout=120)
    if os.environ.get("PUENTES_BENCH_SHOW_QUERIES"):
        show_queries(max(saved, key=lambda s: s.notices))
    notice_count = Notice.objects.count()
    emails = Email.objects.filter(kind=Email.Kind.NOTICE)
    sent = emails.filter(status=Email.Status.SENT).count()
    print(
        f"{posts} posts in {posts // 10} topics, one every 0.3 s (written in {written:.0f} s, "
        f"the last email {waited:.0f} s later), then {paced_posts} more, one every {PACED:.0f} s:"
    )
    print(
        f"  {notice_count} notices, {emails.count()} notice emails queued, {sent} sent, "
        f"{pending} still pending; {SlowLibreTranslate.calls} engine requests"
    )
    both = saved + paced
    queries = [s.queries for s in both]
    quiet = [s.queries for s in both if s.notices <= 1]
    busy = [s for s in both if s.notices >= 8]
    line = f"SQL queries a post's save: median {statistics.median(queries):.0f}"
    if quiet and busy:
        extra = statistics.mean(s.queries for s in busy) - statistics.mean(quiet)
        per = extra / (statistics.mean(s.notices for s in busy) - 1)
        line += (
            f"; {statistics.mean(quiet):.0f} telling ≤1 member, "
            f"{statistics.mean(s.queries for s in busy):.0f} telling ≥8 "
            f"(≈{per:.1f} more a notice)"
        )
    print(line)

    poll = getattr(settings, "NOTIFICATIONS_TRANSLATION_POLL", 30)
    for title, group, messages in (
        (
            f"the {posts} posts in a burst (translations queue up)",
            saved,
            inbox.messages[:sent_then],
        ),
        (f"the {paced_posts} paced posts", paced, inbox.messages[sent_then:]),
    ):
        print(f"{title}:")
        done = translation_delays(group)
        if done:
            print(
                f"  commit → translation done (en, fr):   p50 {statistics.median(done):5.1f} s, "
                f"p95 {p95(done):5.1f} s, max {max(done):5.1f} s"
            )
        for label, values in email_delays(messages, group).items():
            if values:
                print(
                    f"  commit → email sent, {label}: p50 {statistics.median(values):5.1f} s, "
                    f"p95 {p95(values):5.1f} s, max {max(values):5.1f} s ({len(values)})"
                )
    translated = sum(1 for m in inbox.messages if "[en] " in m.text or "[fr] " in m.text)
    print(
        f"  (engine {ENGINE_SECONDS:.0f} s a request, emails look again every {poll} s; "
        f"{translated} emails quote the translation)"
    )
    digests(inbox, saved, sizes, keen)
    few, many = fan_out(day, [10, members - 1])
    print(
        f"SQL queries a post's save, its topic followed by 10 members: {few}; by all "
        f"{members - 1} others: {many} (target: equal)"
    )


def fan_out(day: Day, followers: list[int]) -> list[int]:
    """A post's save in a new topic followed by so many members (no worker: only the save)."""
    counts = []
    for count in followers:
        day.topics = {}
        first = day.write(1, pace=0)[0]  # opens a topic (the poster follows it)
        topic = next(iter(day.topics.values()))
        poster_id = topic.poster_id
        others = [p.user for p in day.people if p.user.pk != poster_id][: count - 1]
        topic.subscribers.add(*others)
        reply = day.write(1, pace=0)[0]
        if reply.notices < count - 2:
            raise RuntimeError(f"{reply.notices} notices for {count} followers ({first})")
        counts.append(reply.queries)
    return counts


@dataclass
class Person:
    user: Any
    language: str
    digest: bool


def course(members: int) -> tuple[Any, list[Person]]:
    from notifications.models import EmailChoice, NotificationSettings
    from tests.forum.helpers import course_forum, grant, member

    forum = course_forum(languages=list(LANGUAGES))
    people = []
    for index in range(members):
        language = LANGUAGES[index % 3]
        user = member(language)
        if index < len(MENTIONED):
            user.username = MENTIONED[index]
        user.email = f"member{index}@example.org"
        user.save()
        grant(user, forum)
        digest = index % 4 == 3
        if digest:  # due at any hour of the benchmark (UTC, from midnight)
            NotificationSettings.objects.create(
                user=user, email=EmailChoice.DAILY, time_zone="UTC", digest_hour=0
            )
        people.append(Person(user, language, digest))
    return forum, people


def corpus_texts(count: int) -> list[Any]:
    from corpus import corpus

    return corpus(count, seed=15)


class Day:
    """The course's posts, in topics of 10 written side by side; posters follow them."""

    def __init__(self, forum, people: list[Person], texts: list[Any]) -> None:
        self.forum, self.people, self.texts = forum, people, iter(texts)
        self.rng = random.Random(15)
        self.topics: dict[int, Any] = {}
        self.index = 0
        # A member on a daily digest who follows every topic: their digest grows with the
        # day's posts (the queries of a digest must not).
        self.keen = next(person.user for person in people if person.digest)

    def write(self, posts: int, pace: float) -> list[Saved]:
        """``posts`` posts, one every ``pace`` seconds, each in its own transaction."""
        from django.db import connection, reset_queries, transaction
        from django.test.utils import CaptureQueriesContext
        from machina.core.db.models import get_model

        from notifications.models import Notice

        Post = get_model("forum_conversation", "Post")
        Topic = get_model("forum_conversation", "Topic")
        count = max(posts // 10, 1)
        saved = []
        next_at = time.monotonic()
        for _ in range(posts):
            text = next(self.texts)
            time.sleep(max(0.0, next_at - time.monotonic()))
            next_at += pace
            poster = self.rng.choice(self.people).user
            slot = self.index % count
            self.index += 1
            before = Notice.objects.count()
            reset_queries()  # the log keeps 9,000: a full log counts nothing
            with CaptureQueriesContext(connection) as queries, transaction.atomic():
                topic = self.topics.get(slot)
                if topic is None:
                    topic = self.topics[slot] = Topic.objects.create(
                        forum=self.forum,
                        poster=poster,
                        subject=text.subject,
                        type=Topic.TOPIC_POST,
                        status=Topic.TOPIC_UNLOCKED,
                        approved=True,
                    )
                post = Post.objects.create(
                    topic=topic,
                    poster=poster,
                    subject=text.subject,
                    content=text.content,
                    approved=True,
                )
            committed = time.time()  # the after-commit hooks (tasks queued) included
            told = Notice.objects.count() - before
            sql = [re.sub(r"\b\d+\b", "N", q["sql"]) for q in queries.captured_queries]
            saved.append(Saved(post.pk, committed, len(sql), told, sql))
            topic.subscribers.add(poster, self.keen)  # the topic's Subscribe button
        return saved


def wait_for_emails(timeout: float) -> int:
    """Until no notice email is pending (sent or skipped); how many still are."""
    from notifications.models import Email

    deadline = time.monotonic() + timeout
    pending = Email.objects.filter(kind=Email.Kind.NOTICE, status=Email.Status.PENDING)
    while (left := pending.count()) and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(0.5)  # the last message's commit
    return left


def translation_delays(saved: list[Saved]) -> list[float]:
    from translations.models import PostTranslation

    committed = {s.post_id: s.committed for s in saved}
    return [
        done.timestamp() - committed[post_id]
        for post_id, done in PostTranslation.objects.filter(
            post_id__in=committed, translated_at__isnull=False
        ).values_list("post_id", "translated_at")
    ]


def show_queries(busiest: Saved) -> None:
    """Diagnosis: the SQL of the save that told the most members, grouped."""
    from collections import Counter

    print(f"the busiest save: {busiest.notices} notices, {busiest.queries} queries")
    for sql, n in Counter(busiest.sql).most_common(25):
        print(f"  {n:4d}  {sql[:220]}")


def email_delays(messages: list[Received], saved: list[Saved]) -> dict[str, list[float]]:
    from notifications.models import Notice

    committed = {s.post_id: s.committed for s in saved}
    messages = [m for m in messages if m.key.startswith("notice:")]
    ids = [int(m.key.split(":")[1]) for m in messages]
    notices = {
        pk: (post_id, language)
        for pk, post_id, language in Notice.objects.filter(pk__in=ids).values_list(
            "pk", "post_id", "recipient__puentes_profile__preferred_language"
        )
    }
    delays: dict[str, list[float]] = {"Spanish readers": [], "en, fr readers  ": []}
    for message in messages:
        post_id, language = notices[int(message.key.split(":")[1])]
        if post_id not in committed:
            continue
        label = "Spanish readers" if language == "es" else "en, fr readers  "
        delays[label].append(message.at - committed[post_id])
    return delays


def digests(inbox: Inbox, saved: list[Saved], sizes: tuple[int, int], keen) -> None:
    """The next morning's daily digests, built and sent here; their queries."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from notifications.digests import make_digests
    from notifications.emails import digest_notices
    from notifications.models import Email
    from notifications.outbox import deliver

    now = timezone.now()
    began = time.perf_counter()
    made = make_digests(now)
    built = time.perf_counter() - began
    counts, told = [], []
    began = time.perf_counter()
    profile = cProfile.Profile() if os.environ.get("PUENTES_BENCH_PROFILE") else None
    for email in made:
        told.append(len(digest_notices(email)))
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            if profile:
                profile.enable()
            deliver(email.pk)
            if profile:
                profile.disable()
        counts.append(len(queries.captured_queries))
    sent_seconds = time.perf_counter() - began
    if profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
    delivered = Email.objects.filter(kind=Email.Kind.DIGEST, status=Email.Status.SENT).count()
    received = sum(1 for m in inbox.messages if m.key.startswith("digest:"))
    print(
        f"daily digests: {len(made)} built in {built:.2f} s, {delivered} sent in "
        f"{sent_seconds:.2f} s ({sent_seconds / max(len(made), 1) * 1000:.0f} ms a digest; "
        f"{received} at the SMTP server); {min(told, default=0)}–{max(told, default=0)} "
        f"notices a digest"
    )
    if counts:
        print(
            f"    SQL queries a digest sent: {min(counts)}–{max(counts)} "
            f"(median {statistics.median(counts):.0f})"
        )
    # The keen member's digest over the day's first posts, and over all of them.
    fullest = next((email for email in made if email.recipient_id == keen.pk), None)
    if fullest is None:
        raise RuntimeError("the member who follows every topic had no digest")
    side = []
    for size in sizes:
        end = datetime.fromtimestamp(saved[size - 1].committed + 0.001, tz=UTC)
        email = Email.objects.create(
            key=f"digest:daily:bench-{size}:{fullest.recipient_id}",
            recipient=fullest.recipient,
            kind=Email.Kind.DIGEST,
            period_start=fullest.period_start,
            period_end=end,
            next_attempt_at=now,
        )
        notices = len(digest_notices(email))
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            deliver(email.pk)
        email.refresh_from_db()
        if email.status != Email.Status.SENT:
            raise RuntimeError(
                f"the measured digest ({notices} notices) was not sent: {email.last_error}"
            )
        side.append((size, len(queries.captured_queries), notices))
    (small, q_small, n_small), (large, q_large, n_large) = side
    print(
        f"SQL queries a digest: {q_small} at {small} posts ({n_small} notices), "
        f"{q_large} at {large} posts ({n_large} notices) (target: equal)"
    )


if __name__ == "__main__":
    main()
