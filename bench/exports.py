"""Exports of a large course: the archive (ZIP) and the proceedings PDF, against simply
reading the rows.

    .venv/bin/python bench/exports.py [--posts 2000]

Runs on a throwaway database (bench/translation_pipeline.py's: SQLite in a temporary
folder, or a test database beside DATABASE_URL's). Builds a course of six weeks and
``--posts`` posts (bench/corpus.py's Markdown, written in Spanish, French and English in
turn), each translated into the two other languages (one translation in ten reviewed by a
translator), 5 % of them harvested with a theme and a region, every author consenting to
be quoted, and a published proceedings page. Prints the time to read the posts and their
translations as rows (the reference: what no export can beat), to build the archive, and
to render the PDF in Spanish, with the queries each one made.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus  # noqa: E402
from translation_pipeline import throwaway_database  # noqa: E402

LANGUAGES = ("es", "fr", "en")
MEMBERS = 30
HARVEST_SHARE = 20  # one post in 20 is harvested


def main() -> None:
    parser = argparse.ArgumentParser(description="Puentes exports benchmark")
    parser.add_argument("--posts", type=int, default=2000)
    args = parser.parse_args()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"machine: {os.cpu_count()} cores, load average {load} at the start")
    with throwaway_database() as note:
        print(f"database: {note}")
        started = time.perf_counter()
        course, page = build_course(args.posts)
        print(f"course built in {time.perf_counter() - started:.1f}s")
        report(course, page)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"load average {load} at the end")


def timed(label: str, action):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        started, cpu = time.perf_counter(), time.process_time()
        result = action()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    # CPU: this process's own time, which other load on the machine does not inflate.
    print(f"{label:<40} {seconds:7.2f} s  (CPU {cpu:6.2f} s)  {len(queries):4d} queries")
    if os.environ.get("PUENTES_BENCH_PROFILE") and label.startswith("archive"):
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(action)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    return result, seconds


def report(course, page) -> None:
    from machina.core.db.models import get_model

    from proceedings.archive import build_archive
    from proceedings.pdf import render_pdf
    from translations.models import PostTranslation

    post_model = get_model("forum_conversation", "Post")

    def read_rows():
        posts = list(
            post_model.objects.filter(topic__forum__parent__isnull=False).values_list(
                "pk", "topic_id", "poster_id", "subject", "content", "created"
            )
        )
        translations = list(
            PostTranslation.objects.values_list("post_id", "language", "status", "content")
        )
        return len(posts), len(translations)

    (posts, translations), reference = timed("reference: read posts + translations", read_rows)
    print(f"  {posts} posts, {translations} translations")
    archive, archive_seconds = timed(
        "archive (ZIP, every file)", lambda: build_archive(course, include_private=True)
    )
    print(f"  {len(archive) / 1e6:.1f} MB; {archive_seconds / reference:.0f}x the reference")
    pdf, pdf_seconds = timed("proceedings PDF (es)", lambda: render_pdf(page, language="es"))
    print(f"  {len(pdf) / 1e6:.1f} MB")


def build_course(count: int):
    """A six-week course, its posts, translations, harvest and proceedings, written in bulk
    (no receivers: nothing here is what is measured)."""
    import datetime as dt

    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from machina.core.db.models import get_model
    from wagtail.rich_text import RichText

    from cms.models import HomePage
    from courses.enrollment import enroll
    from courses.models import Role
    from forum.models import WeekForum
    from proceedings.models import Passage, ProceedingsPage, QuoteConsent
    from taxonomy.models import Region, Theme
    from tests.factories import CoursePageFactory, UserFactory, WeekPageFactory
    from translations.models import PostLanguage, PostTranslation, TextSource, TextTranslation
    from translations.pipeline import markup_renderer
    from translations.texts import text_digest

    topic_model = get_model("forum_conversation", "Topic")
    post_model = get_model("forum_conversation", "Post")
    today = timezone.localdate()
    course = CoursePageFactory(
        parent=HomePage.objects.get(slug="home"),
        start_date=today - dt.timedelta(days=50),
        end_date=today + dt.timedelta(days=5),
    )
    forums = []
    for number in range(1, 7):
        week = WeekPageFactory(
            parent=course,
            number=number,
            questions=[],
            opens_on=today - dt.timedelta(days=50 - 7 * number),
            closes_on=today - dt.timedelta(days=44 - 7 * number),
        )
        week.save_revision().publish()
        forums.append(WeekForum.objects.get(week=week).forum)
    organizer = UserFactory(username="bench-organizer")
    enroll(course=course, user=organizer, role=Role.ORGANIZER)
    translator = UserFactory(username="bench-translator")
    enroll(course=course, user=translator, role=Role.TRANSLATOR)
    members = [UserFactory(username=f"bench-member-{index}") for index in range(MEMBERS)]
    for user in members:
        enroll(course=course, user=user, role=Role.PARTICIPANT)
    QuoteConsent.objects.bulk_create(
        QuoteConsent(member=user, course=course, choice=QuoteConsent.Choice.NAME)
        for user in members
    )

    render = markup_renderer()
    texts = corpus(count, seed=16)
    topics = topic_model.objects.bulk_create(
        topic_model(
            forum=forums[index * 6 // len(range(0, count, 10))],
            poster=members[index % MEMBERS],
            subject=texts[start].subject.removeprefix("Re: ")[:255],
            slug=f"topic-{index}",
            type=topic_model.TOPIC_POST,
            status=topic_model.TOPIC_UNLOCKED,
            approved=True,
        )
        for index, start in enumerate(range(0, count, 10))
    )
    now = timezone.now()
    posts = post_model.objects.bulk_create(
        post_model(
            topic=topics[index // 10],
            poster=members[index % MEMBERS],
            subject=text.subject,
            content=text.content,
            _content_rendered=render(text.content),
            created=now - dt.timedelta(minutes=count - index),
            updated=now,
        )
        for index, text in enumerate(texts)
    )
    for topic in topics:
        topic_model.objects.filter(pk=topic.pk).update(
            first_post=posts[topics.index(topic) * 10], posts_count=10
        )
    PostLanguage.objects.bulk_create(
        PostLanguage(post=post, language=LANGUAGES[index % 3], chosen_by_author=True)
        for index, post in enumerate(posts)
    )
    PostTranslation.objects.bulk_create(
        PostTranslation(
            post=post,
            language=target,
            source_language=LANGUAGES[index % 3],
            source_digest="bench",
            status=PostTranslation.Status.DONE,
            subject=f"[{target}] {post.subject}",
            content=f"[{target}] {post.content.raw}",
            content_rendered=post._content_rendered,
            engine="apertium",
            translated_at=now,
            reviewed_by=translator if index % 10 == 0 else None,
            reviewed_at=now if index % 10 == 0 else None,
        )
        for index, post in enumerate(posts)
        for target in LANGUAGES
        if target != LANGUAGES[index % 3]
    )

    themes = [
        Theme.objects.create(slug=f"bench-theme-{index}", name=name)
        for index, name in enumerate(["Access to capital", "Public procurement", "Legislation"])
    ]
    regions = [
        Region.objects.create(slug=f"bench-region-{index}", name=name)
        for index, name in enumerate(["Quebec", "Ecuador", "Bolivia", "Brazil"])
    ]
    harvested = posts[::HARVEST_SHARE]
    passages = Passage.objects.bulk_create(
        Passage(
            course=course,
            post=post,
            language=LANGUAGES[posts.index(post) % 3],
            harvested_by=organizer,
        )
        for post in harvested
    )
    theme_links = Passage.themes.through
    region_links = Passage.regions.through
    theme_links.objects.bulk_create(
        theme_links(passage=passage, theme=themes[index % 3])
        for index, passage in enumerate(passages)
    )
    region_links.objects.bulk_create(
        region_links(passage=passage, region=regions[index % 4])
        for index, passage in enumerate(passages)
    )
    passage_type = ContentType.objects.get_for_model(Passage)
    sources = TextSource.objects.bulk_create(
        TextSource(
            content_type=passage_type,
            object_id=passage.pk,
            field="text",
            text=post.content.raw,
            digest=text_digest(post.content.raw),
            language=passage.language,
            glossary=course.pk,
        )
        for passage, post in zip(passages, harvested, strict=True)
    )
    TextTranslation.objects.bulk_create(
        TextTranslation(
            source=source,
            language=target,
            source_language=source.language,
            source_digest=source.digest,
            status=TextTranslation.Status.DONE,
            text=f"[{target}] {source.text}",
            translated_at=now,
            engine="apertium",
        )
        for source in sources
        for target in LANGUAGES
        if target != source.language
    )

    page = ProceedingsPage(
        title="Synthesis and proceedings",
        slug="proceedings",
        language_written="en",
        introduction="<p>What the cohort learned.</p>",
        syntheses=[
            ("theme", {"theme": theme, "synthesis": RichText(f"<p>On {theme.name}.</p>")})
            for theme in themes
        ],
        conclusions="<p>Recognise the sector in law.</p>",
    )
    week = forums[-1]
    last_week = WeekForum.objects.get(forum=week).week
    last_week.add_child(instance=page)
    page.save_revision(user=organizer).publish(user=organizer)
    return course, page


if __name__ == "__main__":
    main()
