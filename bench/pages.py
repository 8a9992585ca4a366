"""Time of the pages that list what grows, at a small and a large size, side by side.

    .venv/bin/python bench/pages.py              # --repeat 7 requests a page and size

Issue #18: the forum index at 5 / 25 / 100 forums, "My progress" at 10 / 500 of the
member's own posts, the organizers' participation page at 10 / 500 members. Runs in a
child process on a throwaway PostgreSQL database ``pages_bench`` beside DATABASE_URL's
(dropped and created again), migrated and loaded with the demo (``load_demo``); the sizes
are reached by adding weeks (each published: its forum and question topics), posts (bulk
created in the member's week forum) and enrolled members. Each page is requested through
Django's test client, logged in, with DEBUG off; the first request of each size warms the
caches, the median of the next ``--repeat`` is printed with the queries of one request.
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
FORUMS = (5, 25, 100)
POSTS = (10, 500)
MEMBERS = (10, 500)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.repeat)
        return
    uptime()
    with tempfile.TemporaryDirectory(prefix="pages-bench-") as var:
        env = {
            **os.environ,
            "PUENTES_VAR_DIR": var,
            "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
            "DJANGO_DEBUG": "0",
            "DATABASE_URL": fresh_database(),
            "LOG_LEVEL": "WARNING",
        }
        env.pop("CELERY_BROKER_URL", None)  # the filesystem broker in the throwaway var
        env.pop("CELERY_RESULT_BACKEND", None)
        command = [sys.executable, __file__, "--child", "--repeat", str(args.repeat)]
        subprocess.run(command, env=env, check=True, cwd=ROOT)  # noqa: S603 -- this script
    uptime()


def uptime() -> None:
    print(subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip(), flush=True)


def fresh_database() -> str:
    import psycopg

    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pages")
    parts = urlsplit(url)
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS pages_bench WITH (FORCE)")
        admin.execute("CREATE DATABASE pages_bench")
    return parts._replace(path="/pages_bench").geturl()


def child(repeat: int) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from cms.demo import COURSE_SLUG
    from courses.models import CoursePage, Enrollment, Role

    course = CoursePage.objects.get(slug=COURSE_SLUG)
    organizer = (
        Enrollment.objects.filter(course=course, role=Role.ORGANIZER).select_related("user")[0]
    ).user
    participant = (
        Enrollment.objects.filter(course=course, role=Role.PARTICIPANT)
        .select_related("user")
        .order_by("user__username")[0]
    ).user

    def measure(user, url: str) -> tuple[float, int]:
        client = Client(SERVER_NAME="localhost")
        client.force_login(user)
        assert client.get(url).status_code == 200, url  # warms the caches
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return statistics.median(times), len(captured)

    def line(page: str, figures: list[tuple[str, tuple[float, int]]]) -> None:
        cells = "   ".join(f"{size:>5}: {ms:6.1f} ms {n:3d} q" for size, (ms, n) in figures)
        print(f"{page:<22} {cells}", flush=True)

    figures = []
    for size in POSTS:
        add_posts(course, participant, size)
        figures.append((str(size), measure(participant, reverse("my_progress"))))
    line("my progress (posts)", figures)

    figures = []
    url = reverse("course_participation", args=[course.pk])
    for size in MEMBERS:
        add_members(course, size)
        figures.append((str(size), measure(organizer, url)))
    line("participation (members)", figures)

    figures = []
    for size in FORUMS:
        add_weeks(course, organizer, size)
        figures.append((str(size), measure(participant, "/forum/")))
    line("forum index (forums)", figures)


def forum_count(user) -> int:
    from machina.core.db.models import get_model

    Forum = get_model("forum", "Forum")
    return Forum.objects.filter(type=Forum.FORUM_POST).count()


def add_weeks(course, organizer, size: int) -> None:
    """Published weeks until the site has ``size`` forums to post in."""
    from courses.models import WeekPage

    while forum_count(organizer) < size:
        last = WeekPage.objects.child_of(course).order_by("-number").first()
        number = (last.number if last else 0) + 1
        week = WeekPage(
            owner=organizer,
            title=f"Semana {number}",
            slug=f"bench-week-{number}",
            number=number,
            theme="La economía social",
            opens_on=last.opens_on if last else course.start_date,
            closes_on=last.closes_on if last else course.start_date,
            questions=[("question", {"text": "¿Qué es la economía social donde trabajas?"})],
            live=False,
        )
        course.add_child(instance=week)
        week.save_revision(user=organizer).publish(user=organizer)


def add_posts(course, member, size: int) -> None:
    """The member's own approved posts in the course's week forums, up to ``size``."""
    from machina.core.db.models import get_model

    from forum.models import QuestionTopic, WeekForum
    from translations.models import PostLanguage

    Post = get_model("forum_conversation", "Post")
    forums = list(
        WeekForum.objects.filter(week__in=course.weeks(), hidden=False).values_list(
            "forum_id", flat=True
        )
    )
    have = Post.objects.filter(poster=member, topic__forum_id__in=forums).count()
    topics = list(
        QuestionTopic.objects.filter(topic__forum_id__in=forums).values_list("topic_id", flat=True)
    )
    posts = Post.objects.bulk_create(
        Post(
            topic_id=topics[index % len(topics)],
            poster=member,
            subject=f"Re: respuesta {index}",
            content=f"Mi respuesta número {index} sobre la economía social.",
            approved=True,
        )
        for index in range(have, size)
    )
    PostLanguage.objects.bulk_create(
        PostLanguage(post=post, language="es", chosen_by_author=True) for post in posts
    )


def add_members(course, size: int) -> None:
    """Participants enrolled until the course has ``size`` members, each with a profile."""
    from django.contrib.auth import get_user_model

    from courses.enrollment import enroll
    from courses.models import Enrollment, Role
    from members.profiles import get_profile

    User = get_user_model()
    have = Enrollment.objects.filter(course=course).values("user").distinct().count()
    for index in range(have, size):
        user = User.objects.create(username=f"bench-member-{index:03d}")
        profile = get_profile(user)
        profile.region = ("Bolivia", "Québec", "Manitoba")[index % 3]
        profile.save()
        enroll(course=course, user=user, role=Role.PARTICIPANT)


if __name__ == "__main__":
    main()
