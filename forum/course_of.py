"""Which course a forum, topic, post or page belongs to: the one answer every app uses.

A course is its source page (`courses.identity`): the forum mirror gives the course's
category to that page, and enrollments, machina groups and page rights all name it. A week
forum is a child of its course's category; a community's forum too.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db.models import Q, QuerySet
from machina.core.db.models import get_model
from wagtail.models import Page

from courses.identity import course_of_page, source_course
from courses.kept_structure import kept
from courses.models import CoursePage
from members.request_memo import cache_generation, next_generation, per_request

from .models import CourseCategory

Forum: Any = get_model("forum", "Forum")
Topic: Any = get_model("forum_conversation", "Topic")
Post: Any = get_model("forum_conversation", "Post")


def course_of(thing) -> CoursePage | None:
    """The course of a page, machina forum, topic or post (None outside courses)."""
    if isinstance(thing, Page):
        return course_of_page(thing)
    if isinstance(thing, Forum):
        return course_of_forum(thing.pk)
    if isinstance(thing, Topic):
        return course_of_forum(thing.forum_id)
    if isinstance(thing, Post):
        return course_of_forum(thing.topic.forum_id)
    raise TypeError(f"No course for a {type(thing).__name__}")


def _mirrors(forum_id: int) -> QuerySet[CourseCategory]:
    """The course mirror of the forum itself, or of its parent (a week forum): one query."""
    return CourseCategory.objects.filter(Q(forum_id=forum_id) | Q(forum__children=forum_id))


def _own_first(rows: list, forum_id: int):
    # The join on children can repeat the forum's own mirror; it wins over its parent's.
    return next((row for row in rows if row[0] == forum_id), rows[0] if rows else None)


@per_request
def course_of_forum(forum_id: int | None) -> CoursePage | None:
    """The course whose category is this forum or its parent (week and community forums),
    kept between requests."""
    if forum_id is None:
        return None
    return kept(("course_of_forum", forum_id), lambda: _course_of_forum(forum_id))


def _course_of_forum(forum_id: int) -> CoursePage | None:
    rows = [
        (mirror.forum_id, mirror)
        for mirror in _mirrors(forum_id).select_related("course").order_by("pk")[:2]
    ]
    found = _own_first(rows, forum_id)
    return found[1].course if found else None


#: Which course a forum is in changes only when a course's category is saved or deleted
#: or a forum moves: each bumps the generation in every key (receivers in forum/apps.py).
FORUM_COURSE_GENERATION = "puentes:forum-course-generation"
FORUM_COURSE_SECONDS = 3600


def course_id_of_forum(forum_id: int | None) -> int | None:
    """The id of the forum's course (None outside courses), from the cache: every topic
    page and list asks it."""
    if forum_id is None:
        return None
    generation = cache_generation(FORUM_COURSE_GENERATION)
    key = f"puentes:forum-course:{generation}:{forum_id}"
    found = cache.get(key)
    if found is None:
        rows = list(_mirrors(forum_id).values_list("forum_id", "course_id").order_by("pk")[:2])
        own = _own_first(rows, forum_id)
        found = own[1] if own else 0
        cache.set(key, found, FORUM_COURSE_SECONDS)
    return found or None


def forget_forum_courses(**kwargs) -> None:
    """A course category saved or deleted, or a forum saved (it may have moved)."""
    next_generation(FORUM_COURSE_GENERATION)


def course_languages_of_forum(forum_id: int | None) -> tuple[int, list[str]] | None:
    """(course id, its languages) of the forum's course, None outside courses; one query,
    cheap enough for every save."""
    if forum_id is None:
        return None
    rows = list(_mirrors(forum_id).values_list("forum_id", "course_id", "course__languages")[:2])
    found = _own_first(rows, forum_id)
    return (found[1], list(found[2])) if found else None


def course_forum_ids(course: CoursePage) -> list[int]:
    """The course's category and every forum under it: weeks, hidden ones included, and
    communities."""
    category = (
        CourseCategory.objects.filter(course=source_course(course)).select_related("forum").first()
    )
    if category is None:
        return []
    return list(category.forum.get_descendants(include_self=True).values_list("pk", flat=True))


def course_posts(course: CoursePage) -> QuerySet:
    return Post.objects.filter(topic__forum_id__in=course_forum_ids(course))
