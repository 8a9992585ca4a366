"""Participation figures of a course: who took part (by role), how much they wrote, in
which languages, and how often a reply crossed a language (the reason the course exists).

Counts only, over the approved posts of the course's week forums (hidden weeks left out);
private communities only when asked. A fixed number of queries, for any size of course:
the proceedings page, the PDF and the archive all show these.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count
from django.utils.text import capfirst
from django.utils.translation import gettext
from machina.core.db.models import get_model

from courses.identity import source_course
from courses.models import CoursePage, Enrollment, Role
from forum.course_of import course_forum_ids
from forum.models import CommunityOfPractice, WeekForum
from members.languages import LANGUAGE_NAMES
from translations.models import OTHER_LANGUAGE, PostLanguage

Post: Any = get_model("forum_conversation", "Post")

#: The language of a post not yet detected.
UNKNOWN = ""


def quotable_forum_ids(course: CoursePage, *, include_private: bool = False) -> set[int]:
    """The forums every member of the course reads: its published weeks' forums; with
    ``include_private``, its private communities' forums too. Three queries."""
    forum_ids = set(course_forum_ids(course))
    weeks = set(
        WeekForum.objects.filter(forum_id__in=forum_ids, hidden=False).values_list(
            "forum_id", flat=True
        )
    )
    if not include_private:
        return weeks
    communities = set(
        CommunityOfPractice.objects.filter(course=source_course(course), forum__isnull=False)
        .filter(forum_id__in=forum_ids)
        .values_list("forum_id", flat=True)
    )
    return weeks | communities


def participation(course: CoursePage, *, include_private: bool = False) -> dict:
    """The course's figures, as plain data (JSON-ready for the archive):

    ``members`` (``total`` and ``by_role``), ``posts``, ``replies``, ``posts_per_language``
    (language code → count, "" for not yet detected, "other" for none of the site's),
    ``cross_language_replies`` (a reply in another language than its topic's first post),
    ``per_week`` (number, title, posts, cross-language replies) and, with
    ``include_private``, ``communities`` (posts in private communities).
    """
    course = source_course(course)
    forum_ids = quotable_forum_ids(course, include_private=include_private)
    week_of_forum = {
        row["forum_id"]: row
        for row in WeekForum.objects.filter(forum_id__in=forum_ids).values(
            "forum_id", "week__number", "week__title"
        )
    }
    posts = list(
        Post.objects.filter(topic__forum_id__in=forum_ids, approved=True).values_list(
            "pk", "topic__forum_id", "topic__first_post_id", "puentes_language__language"
        )
    )
    language_of = {pk: language or UNKNOWN for pk, _forum, _first, language in posts}
    missing_first = {
        first for _pk, _forum, first, _lang in posts if first and first not in language_of
    }
    if missing_first:
        language_of.update(
            PostLanguage.objects.filter(post_id__in=missing_first).values_list(
                "post_id", "language"
            )
        )
    per_language: Counter[str] = Counter()
    per_forum: Counter[int] = Counter()
    crossing_per_forum: Counter[int] = Counter()
    replies = 0
    for pk, forum_id, first_post_id, _language in posts:
        language = language_of[pk]
        per_language[language] += 1
        per_forum[forum_id] += 1
        if first_post_id and first_post_id != pk:
            replies += 1
            if crosses(language, language_of.get(first_post_id, UNKNOWN)):
                crossing_per_forum[forum_id] += 1
    roles = (
        Enrollment.objects.filter(course=course)
        .values("role")
        .annotate(people=Count("user", distinct=True))
    )
    figures: dict[str, Any] = {
        "members": {
            "total": Enrollment.objects.filter(course=course).values("user").distinct().count(),
            "by_role": {row["role"]: row["people"] for row in roles.order_by("role")},
        },
        "posts": len(posts),
        "replies": replies,
        "posts_per_language": dict(per_language.most_common()),
        "cross_language_replies": sum(crossing_per_forum.values()),
        "per_week": [
            {
                "number": week["week__number"],
                "title": week["week__title"],
                "posts": per_forum[forum_id],
                "cross_language_replies": crossing_per_forum[forum_id],
            }
            for forum_id, week in sorted(
                week_of_forum.items(), key=lambda item: item[1]["week__number"]
            )
        ],
    }
    if include_private:
        community_forums = forum_ids - set(week_of_forum)
        figures["communities"] = {
            "posts": sum(per_forum[forum_id] for forum_id in community_forums),
            "cross_language_replies": sum(
                crossing_per_forum[forum_id] for forum_id in community_forums
            ),
        }
    return figures


def crosses(reply_language: str, topic_language: str) -> bool:
    """A reply crosses languages when both languages are known, of the site's, and differ."""
    known = {UNKNOWN, OTHER_LANGUAGE}
    return (
        reply_language not in known
        and topic_language not in known
        and reply_language != topic_language
    )


def labelled(figures: dict) -> dict[str, list[tuple[str, int]]]:
    """The figures with their names in the active language, for the page and the PDF."""
    roles = [
        (str(Role(role).label).capitalize(), count)
        for role, count in figures["members"]["by_role"].items()
    ]
    names = {code: capfirst(str(name)) for code, name in LANGUAGE_NAMES.items()}
    names[OTHER_LANGUAGE] = gettext("Another language")
    names[UNKNOWN] = gettext("Not yet detected")
    languages = [
        (names.get(code, code), count) for code, count in figures["posts_per_language"].items()
    ]
    return {"roles": roles, "languages": languages}
