"""The load test's course: the demo cohort enlarged to 50 members and 2,000 posts.

Imported by bench/load.py once Django is set up on the throwaway database. The demo
(cms/demo) gives the course, its weeks, forums and question topics; this adds readers
enrolled as participants (a third each reading Spanish, French and English) and Spanish
posts from bench/corpus.py in topics of 20 in the open weeks' forums, written by bulk
creation (seconds, not the minutes of 2,000 saves and their receivers). Their English
and French translations are stored as done (a copy of the original marked with the
engine "bench-copy"): the load measures the pages, not the engine, which
bench/translation_pipeline.py measures. Posts written during the load go through the
real form, receivers and worker.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from corpus import corpus
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from machina.core.db.models import get_model

from cms.demo import COURSE_SLUG, DEMO_PASSWORD
from courses.enrollment import enroll
from courses.models import CoursePage, Enrollment, Role
from forum.models import WeekForum
from members.profiles import get_profile
from translations.models import PostLanguage, PostTranslation
from translations.pipeline import markup_renderer
from translations.pipeline.recording import source_digest

Forum: Any = get_model("forum", "Forum")
Topic: Any = get_model("forum_conversation", "Topic")
Post: Any = get_model("forum_conversation", "Post")

LANGUAGES = ("es", "fr", "en")
POSTS_PER_TOPIC = 20


@dataclass
class Course:
    """What the readers need: their logins and the URLs they read and post to."""

    usernames: list[str]
    topic_urls: list[str]
    reply_urls: list[str]
    week_urls: list[str]


def enlarge(*, members: int, posts: int) -> Course:
    course = CoursePage.objects.get(slug=COURSE_SLUG)
    readers = _readers(course, members)
    forums = _open_week_forums(course)
    _posts(forums, readers, posts)
    return describe(course)


def describe(course: CoursePage) -> Course:
    topics = list(Topic.objects.filter(forum__in=_open_week_forums(course)).select_related("forum"))
    topic_urls = [
        f"/forum/forum/{t.forum.slug}-{t.forum.pk}/topic/{t.slug}-{t.pk}/" for t in topics
    ]
    weeks = [week for week in course.get_children().live().specific() if week.url]
    # Replies go to the week open today (the others are closed to posting).
    today = timezone.localdate()
    open_today = set(
        WeekForum.objects.filter(
            week__in=[w for w in weeks if w.opens_on <= today <= w.closes_on]
        ).values_list("forum_id", flat=True)
    )
    reply_urls = [
        f"{url}post/create/"
        for url, topic in zip(topic_urls, topics, strict=True)
        if topic.forum_id in open_today
    ]
    readers = list(
        Enrollment.objects.filter(course=course, role=Role.PARTICIPANT)
        .order_by("user__username")
        .values_list("user__username", flat=True)
    )
    return Course(
        usernames=readers,
        topic_urls=topic_urls,
        reply_urls=reply_urls,
        week_urls=[week.url for week in weeks],
    )


def _readers(course: CoursePage, count: int) -> list[Any]:
    """Participants up to ``count`` members in all; one password hash for all of them."""
    User = get_user_model()
    password = make_password(DEMO_PASSWORD)
    have = Enrollment.objects.filter(course=course).values("user").distinct().count()
    for index in range(max(0, count - have)):
        username = f"reader-{index:02d}"
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@puentes.example.org",
                "first_name": "Reader",
                "last_name": f"{index:02d}",
                "password": password,
            },
        )
        if created:
            profile = get_profile(user)
            profile.preferred_language = LANGUAGES[index % 3]
            profile.save()
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        enroll(course=course, user=user, role=Role.PARTICIPANT)
    return list(
        User.objects.filter(enrollments__course=course, enrollments__role=Role.PARTICIPANT)
        .distinct()
        .order_by("pk")
    )


def _open_week_forums(course: CoursePage) -> list[Any]:
    today = timezone.localdate()
    rows = WeekForum.objects.filter(
        week__in=[w for w in course.get_children().live().specific() if w.opens_on <= today],
        hidden=False,
    ).select_related("forum")
    return [row.forum for row in rows]


@transaction.atomic
def _posts(forums: list[Any], readers: list[Any], count: int) -> None:
    texts = corpus(count, seed=7)
    topics = Topic.objects.bulk_create(
        Topic(
            forum=forums[index % len(forums)],
            poster=readers[index % len(readers)],
            subject=texts[index * POSTS_PER_TOPIC].subject[4:],
            slug=slugify(texts[index * POSTS_PER_TOPIC].subject[4:])[:255] or "topic",
            type=Topic.TOPIC_POST,
            status=Topic.TOPIC_UNLOCKED,
            approved=True,
        )
        for index in range((count + POSTS_PER_TOPIC - 1) // POSTS_PER_TOPIC)
    )
    # bulk_create sends no pre_save signal, which is what renders a post's Markdown
    # (machina's MarkupTextField): rendered here, once per distinct text (unrendered, the
    # posts and their translations were shown and indexed as the text "None").
    render = markup_renderer()
    rendered: dict[str, str] = {}
    for text in texts:
        if text.content not in rendered:
            rendered[text.content] = render(text.content)
    posts = Post.objects.bulk_create(
        Post(
            topic=topics[index // POSTS_PER_TOPIC],
            poster=readers[(index * 7) % len(readers)],
            subject=text.subject,
            content=text.content,
            _content_rendered=rendered[text.content],
            approved=True,
        )
        for index, text in enumerate(texts)
    )
    # Spread over the last three days, oldest first: "This week" finds them all unread.
    now = timezone.now()
    step = dt.timedelta(days=3) / max(1, len(posts))
    first = posts[0].pk
    # bulk_update (bulk_create set both to now): the same values on SQLite as on PostgreSQL.
    for post in posts:
        post.created = post.updated = now - dt.timedelta(days=3) + (post.pk - first) * step
    Post.objects.bulk_update(posts, ["created", "updated"], batch_size=500)
    PostLanguage.objects.bulk_create(
        PostLanguage(post=post, language="es", chosen_by_author=True) for post in posts
    )
    PostTranslation.objects.bulk_create(
        PostTranslation(
            post=post,
            language=language,
            source_language="es",
            source_digest=source_digest(post.subject, post.content.raw),
            status=PostTranslation.Status.DONE,
            subject=post.subject,
            content=post.content.raw,
            content_rendered=rendered[post.content.raw],
            engine="bench-copy",
            translated_at=now,
        )
        for post in posts
        for language in ("en", "fr")
    )
    refuse_empty_bodies(posts)
    for topic in topics:
        topic.update_trackers()


def refuse_empty_bodies(posts: list[Any]) -> None:
    """Stops the load when a post or translation written has no rendered body (or the
    text "None"): the pages and the search would be measured over empty posts."""
    ids = [post.pk for post in posts]
    empty = Q(_content_rendered__isnull=True) | Q(_content_rendered__in=["", "None"])
    posts_empty = Post.objects.filter(empty, pk__in=ids).count()
    translations_empty = PostTranslation.objects.filter(
        Q(content_rendered__isnull=True) | Q(content_rendered__in=["", "None"]), post__in=ids
    ).count()
    if posts_empty or translations_empty:
        raise RuntimeError(
            f"{posts_empty} posts and {translations_empty} translations written without a "
            "rendered body: the load would measure empty posts"
        )
