"""Which course a forum, topic or post belongs to: its own category or its parent's."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from machina.core.db.models import get_model

from courses.models import CoursePage, Role
from courses.services import course_roles

from .models import CourseCategory

Forum = get_model("forum", "Forum")
Post = get_model("forum_conversation", "Post")

#: Roles that may correct any translation of the course's posts.
TRANSLATING_ROLES = {Role.TRANSLATOR, Role.ORGANIZER}


def _mirrors(forum_id: int) -> QuerySet[CourseCategory]:
    """The course mirror of the forum itself, or of its parent (a week forum): one query."""
    return CourseCategory.objects.filter(Q(forum_id=forum_id) | Q(forum__children=forum_id))


def _own_first(rows: list, forum_id: int):
    # The join on children can repeat the forum's own mirror; it wins over its parent's.
    return next((row for row in rows if row[0] == forum_id), rows[0] if rows else None)


def course_for_forum(forum_id: int | None) -> CoursePage | None:
    """The course whose category is this forum or its parent (week forums)."""
    if forum_id is None:
        return None
    rows = [
        (mirror.forum_id, mirror)
        for mirror in _mirrors(forum_id).select_related("course").order_by("pk")[:2]
    ]
    found = _own_first(rows, forum_id)
    return found[1].course if found else None


def languages_for_forum(forum_id: int | None) -> list[str] | None:
    """The languages of the forum's course (None outside courses); cheap, for every save."""
    if forum_id is None:
        return None
    rows = list(_mirrors(forum_id).values_list("forum_id", "course__languages")[:2])
    found = _own_first(rows, forum_id)
    return list(found[1]) if found else None


def course_for_post(post) -> CoursePage | None:
    return course_for_forum(post.topic.forum_id)


def course_forum_ids(course: CoursePage) -> list[int]:
    """The course's category and every forum under it (translations of a course share it)."""
    category_ids = CourseCategory.objects.filter(
        course__translation_key=course.translation_key
    ).values_list("forum_id", flat=True)
    ids: list[int] = []
    for category in Forum.objects.filter(pk__in=list(category_ids)):
        ids.extend(category.get_descendants(include_self=True).values_list("pk", flat=True))
    return ids


def course_posts(course: CoursePage):
    return Post.objects.filter(topic__forum_id__in=course_forum_ids(course))


def may_translate(user: AbstractBaseUser | AnonymousUser, course: CoursePage | None) -> bool:
    """Translators and organizers of the course, and superusers, may correct translations."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return course is not None and bool(course_roles(user, course) & TRANSLATING_ROLES)


def translating_courses(user: AbstractBaseUser | AnonymousUser) -> list[CoursePage]:
    """The courses in which the user may correct translations (all of them for superusers)."""
    if not user.is_authenticated:
        return []
    courses = CoursePage.objects.all()
    if not user.is_superuser:
        courses = courses.filter(
            enrollments__user=user, enrollments__role__in=TRANSLATING_ROLES
        ).distinct()
    return list(courses.order_by("title"))
