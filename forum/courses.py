"""Which course a forum, topic or post belongs to: its own category or its parent's."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from machina.core.db.models import get_model

from courses.models import CoursePage, Role
from courses.services import course_roles

from .models import CourseCategory

Forum = get_model("forum", "Forum")
Post = get_model("forum_conversation", "Post")

#: Roles that may correct any translation of the course's posts.
TRANSLATING_ROLES = {Role.TRANSLATOR, Role.ORGANIZER}


def course_for_forum(forum_id: int | None) -> CoursePage | None:
    """The course whose category is this forum or its parent (week forums)."""
    if forum_id is None:
        return None
    forum = Forum.objects.filter(pk=forum_id).only("parent_id").first()
    if forum is None:
        return None
    candidates = [forum_id] + ([forum.parent_id] if forum.parent_id else [])
    mirror = CourseCategory.objects.filter(forum_id__in=candidates).select_related("course").first()
    return mirror.course if mirror else None


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
