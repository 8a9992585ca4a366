"""Full-text search query time at 10,000 and 100,000 posts, on SQLite and PostgreSQL.

    .venv/bin/python bench/search.py                      # both sizes, both databases
    .venv/bin/python bench/search.py --sizes 10000 --databases sqlite

Each (database, size) runs in a child process on a throwaway database: a temporary SQLite
file, or the database ``<name>_bench`` beside DATABASE_URL's ``<name>`` (default
``postgres://postgres@127.0.0.1:5432/search``: ``search_bench``), dropped and created
again. The child migrates, writes the posts by bulk creation (bench/corpus.py's
Spanish forum posts in topics of 20, each with English and French translations stored as
done: copies of the original, as bench/load_data.py does; Markdown rendered once per
distinct text), indexes them with forum.search_index (the code the receivers run: three
documents a post) and times the search as the view runs it: the match with its count and
first page of 20 (forum.fulltext.match, over the posts of the readable forum; at most
`MAX_MATCHES` + 1 counted) plus the excerpts of those 20, for a reader of every forum
and for a reader of one small forum (1 topic in 50: common words, few posts to see).
Prints the index time, and p50/p95 per query and overall. Target: p95 < 100 ms on
PostgreSQL.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
QUERIES = [
    "cooperativa",  # in many posts
    "economía social",
    "acceso al crédito",
    "mujeres artesanas Rosario",
    "Quebec",
    "vivienda Medellín",
    "zanahoria",  # in none
]
POSTS_PER_TOPIC = 20
CHUNK = 2000
#: One topic in this many is in a small forum of its own: the reader who may read that forum
#: only searches 2 % of the posts, spread over the years (its newest rows are few among the
#: newest rows read first).
SMALL_FORUM_EVERY = 50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument(
        "--databases", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"]
    )
    parser.add_argument("--repeat", type=int, default=20, help="runs of each query")
    parser.add_argument("--child", nargs=2, metavar=("DATABASE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.repeat)
        return
    print(f"load average {load_average()} at the start")
    for database in args.databases:
        for size in args.sizes:
            with tempfile.TemporaryDirectory(prefix="search-bench-") as var:
                env = {**os.environ, "PUENTES_VAR_DIR": var}
                env.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
                if database == "postgresql":
                    env["DATABASE_URL"] = fresh_postgresql()
                else:
                    env.pop("DATABASE_URL", None)
                subprocess.run(
                    [PY, __file__, "--child", database, str(size), "--repeat", str(args.repeat)],
                    env=env,
                    check=True,
                )
    print(f"load average {load_average()} at the end")


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def fresh_postgresql() -> str:
    import psycopg

    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/search")
    parts = urlsplit(url)
    # Beside DATABASE_URL's database and named after it: runs on other databases of the
    # same server (other people's) never drop each other's.
    name = f"{parts.path.lstrip('/') or 'search'}_bench"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return parts._replace(path=f"/{name}").geturl()


def child(database: str, size: int, repeat: int) -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    forum, small, seconds = populate(size)
    print(f"\n{database}, {size:,} posts: written in {seconds:.1f}s", flush=True)
    started = time.perf_counter()
    index_all()
    from forum.models import SearchDocument

    documents = SearchDocument.objects.count()
    # A bench over empty bodies measures nothing (it once did: the Markdown was not rendered).
    empty = SearchDocument.objects.filter(kind=SearchDocument.Kind.POST, body="").count()
    assert not empty, f"{empty} post documents without a body"
    print(f"  indexed {documents:,} documents in {time.perf_counter() - started:.1f}s")
    print("  a reader of every forum:")
    measure([forum, small], repeat)
    print(f"  a reader of one small forum (1 topic in {SMALL_FORUM_EVERY}):")
    measure([small], repeat)


def populate(size: int):
    """The posts, their topics and translations, by bulk creation (no receivers run)."""
    from corpus import corpus
    from django.contrib.auth import get_user_model
    from machina.core.db.models import get_model
    from machina.models.fields import MarkupTextField

    from translations.models import PostLanguage, PostTranslation
    from translations.pipeline import markup_renderer

    Forum = get_model("forum", "Forum")
    Topic = get_model("forum_conversation", "Topic")
    Post = get_model("forum_conversation", "Post")
    started = time.perf_counter()
    poster = get_user_model().objects.create_user("bench-poster")
    forum = Forum.objects.create(name="Bench", type=Forum.FORUM_POST)
    small = Forum.objects.create(name="Bench (small)", type=Forum.FORUM_POST)
    texts = corpus(size, seed=11)
    # bulk_create sends no pre_save signal, which is what renders a post's Markdown
    # (machina's MarkupTextField): rendered here, once per distinct text.
    render = markup_renderer()
    rendered: dict[str, str] = {}
    field = Post._meta.get_field("content")
    assert isinstance(field, MarkupTextField)
    for start in range(0, size, CHUNK):
        chunk = texts[start : start + CHUNK]
        topics = Topic.objects.bulk_create(
            Topic(
                forum=small
                if (start + index) // POSTS_PER_TOPIC % SMALL_FORUM_EVERY == 0
                else forum,
                poster=poster,
                subject=chunk[index].subject[4:],
                slug="topic",
                type=Topic.TOPIC_POST,
                status=Topic.TOPIC_UNLOCKED,
                approved=True,
            )
            for index in range(0, len(chunk), POSTS_PER_TOPIC)
        )
        posts = Post.objects.bulk_create(
            Post(
                topic=topics[index // POSTS_PER_TOPIC],
                poster=poster,
                subject=text.subject,
                content=text.content,
                _content_rendered=rendered.get(text.content)
                or rendered.setdefault(text.content, render(text.content)),
                approved=True,
            )
            for index, text in enumerate(chunk)
        )
        PostLanguage.objects.bulk_create(
            PostLanguage(post=post, language="es", chosen_by_author=True) for post in posts
        )
        PostTranslation.objects.bulk_create(
            PostTranslation(
                post=post,
                language=language,
                source_language="es",
                source_digest="bench",
                status=PostTranslation.Status.DONE,
                subject=post.subject,
                content=post.content.raw,
                content_rendered=rendered[post.content.raw],
                engine="bench-copy",
            )
            for post in posts
            for language in ("en", "fr")
        )
    return forum, small, time.perf_counter() - started


def index_all() -> None:
    from django.db import connection, transaction
    from machina.core.db.models import get_model

    from forum.search_index import index_posts

    Post = get_model("forum_conversation", "Post")
    ids = list(Post.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        with transaction.atomic():
            index_posts(ids[start : start + CHUNK])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Every table: with stale statistics on the posts the planner walks every
            # readable post instead of the GIN index (measured: 320 ms against 55 ms).
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO cohort_forum_searchdocument_fts(cohort_forum_searchdocument_fts) "
                "VALUES ('optimize')"
            )


def measure(forums, repeat: int) -> None:
    from machina.core.db.models import get_model

    from forum import fulltext
    from forum.models import SearchDocument

    Post = get_model("forum_conversation", "Post")
    allowed = Post.approved_objects.filter(topic__forum__in=forums, topic__approved=True)
    every: list[float] = []
    for query in QUERIES:
        times = []
        total = 0
        for run in range(repeat + 1):
            started = time.perf_counter()
            total, found = fulltext.match(
                SearchDocument.Kind.POST, query, allowed=allowed, limit=20
            )
            fulltext.excerpts(
                SearchDocument.Kind.POST, query, [(item.object_id, "es") for item in found]
            )
            if run:  # the first run warms the caches
                times.append((time.perf_counter() - started) * 1000)
        every.extend(times)
        print(
            f"    {query!r:28} {total:>7,} hits  p50 {percentile(times, 50):6.1f} ms  "
            f"p95 {percentile(times, 95):6.1f} ms"
        )
    print(
        f"    all queries: p50 {percentile(every, 50):.1f} ms, p95 {percentile(every, 95):.1f} ms "
        f"({len(every)} searches; load average {load_average()})",
        flush=True,
    )


def percentile(values: list[float], share: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[share - 1]


if __name__ == "__main__":
    main()
