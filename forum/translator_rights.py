"""Who may correct the machine translations of a course's posts, and of the texts beyond
courses (projects, communities, member profiles: `forum.reviewable_texts`)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User

from courses.enrollment import course_roles, roles_anywhere
from courses.identity import source_courses
from courses.models import CoursePage, Role

#: Roles that may correct any translation of the course's posts.
TRANSLATING_ROLES = {Role.TRANSLATOR, Role.ORGANIZER}


def may_translate(user: User | AnonymousUser, course: CoursePage | None) -> bool:
    """Translators and organizers of the course, and superusers, may correct translations."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return course is not None and bool(course_roles(user, course) & TRANSLATING_ROLES)


def translating_courses(user: User | AnonymousUser) -> list[CoursePage]:
    """The courses in which the user may correct translations (all of them for superusers)."""
    if not user.is_authenticated:
        return []
    courses = source_courses()
    if not user.is_superuser:
        courses = courses.filter(
            enrollments__user=user, enrollments__role__in=TRANSLATING_ROLES
        ).distinct()
    return list(courses.order_by("title"))


def translates_some_course(user: User | AnonymousUser) -> bool:
    """Whether `translating_courses` has any (every page asks, for its texts' controls)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(roles_anywhere(user) & TRANSLATING_ROLES)


def may_translate_beyond_courses(user: User | AnonymousUser) -> bool:
    """The texts of the network beyond courses belong to no course: the translators of any
    course (the role, not organizers, who run one course) and superusers correct them."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return Role.TRANSLATOR in roles_anywhere(user)
