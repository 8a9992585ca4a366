"""Each course's own groups: its organizers and its key respondents, with page permissions on
the course page and on every translated copy of it.

Wagtail grants page permissions per group, on a page and everything under it. Site-wide
groups holding them on the root let the organizer of one course edit, publish and delete every
other course's pages; a pair of groups per course keeps each person inside their own course.
A course is known by its page's `translation_key`, which wagtail-localize's copies in other
locales share, so one pair of groups covers every language version of the course.

Group names end with that key: it finds the group again whatever the course is called now.
The title in the name is only there for people reading the groups list.

Starting a new course in the admin is for superusers (or a group an admin gives "add" on a
home page). Organizers do not get "add" on the home pages: Wagtail would then let them browse
every course under them, drafts included, and edit any page they own there. Whoever else
starts a course (the demo's organizer, such a group's member) is enrolled as its organizer
(`courses.receivers`).
"""

from __future__ import annotations

import uuid

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from wagtail.models import GroupPagePermission

from .models import CoursePage, Enrollment, Role

GROUP_NAME_PREFIXES = {Role.ORGANIZER: "Organizers of", Role.KEY_RESPONDENT: "Key respondents of"}
# Key respondents only "add": Wagtail then lets them edit the pages they own and submit them
# for review, never publish (courses.permissions narrows what they may add).
COURSE_PAGE_PERMISSIONS = {
    Role.ORGANIZER: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    Role.KEY_RESPONDENT: ["add_page"],
}
# Counts the changes this module makes to who holds which page permission, so that a user
# object loaded before one sees it (courses.permissions.CoursePagePermissionPolicy).
_changes = 0

# Group.name holds 150 characters: the longest prefix, the key and the brackets leave 90
# (workflows' and tasks' names hold 255).
TITLE_IN_NAME = 80


def get_or_create_permission(model_label: str, codename: str) -> Permission:
    """Get or create: on a fresh database this runs before auth's own post_migrate handler."""
    content_type = ContentType.objects.get_for_model(apps.get_model(model_label))
    action, _sep, noun = codename.partition("_")
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can {action} {noun}"}
    )
    return permission


def permission_changes() -> int:
    return _changes


def _permissions_changed() -> None:
    global _changes
    _changes += 1


def named_for_course(queryset: QuerySet, prefix: str, translation_key: uuid.UUID | str):
    """The rows (groups, workflows, tasks) named "<prefix> <course title> (<key>)"."""
    return queryset.filter(name__startswith=f"{prefix} ", name__endswith=f" ({translation_key})")


def name_for_course(prefix: str, translation_key: uuid.UUID | str) -> str | None:
    """Named after the course's first page, the one the others were translated from."""
    course = CoursePage.objects.filter(translation_key=translation_key).order_by("pk").first()
    if course is None:
        return None
    return f"{prefix} {course.title[:TITLE_IN_NAME]} ({translation_key})"


def _groups_of(translation_key: uuid.UUID | str, role: Role | str):
    return named_for_course(Group.objects, GROUP_NAME_PREFIXES[Role(role)], translation_key)


def course_group(translation_key: uuid.UUID | str, role: Role | str) -> Group | None:
    """The course's group for the role, made if need be; None once no page of it is left."""
    group = _groups_of(translation_key, role).first()
    if group is not None:
        return group
    name = name_for_course(GROUP_NAME_PREFIXES[Role(role)], translation_key)
    return Group.objects.get_or_create(name=name)[0] if name else None


def grant_course_page_permissions(course: CoursePage) -> None:
    """The course's groups get their page permissions on this copy of the course page."""
    for role, codenames in COURSE_PAGE_PERMISSIONS.items():
        group = course_group(course.translation_key, role)
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=course,
                permission=get_or_create_permission("wagtailcore.Page", codename),
            )
    _permissions_changed()


def sync_course_membership(user_id: int, translation_key: uuid.UUID | str) -> None:
    """The user is in each of the course's groups exactly while an enrollment gives the role."""
    roles = set(
        Enrollment.objects.filter(
            user_id=user_id, course__translation_key=translation_key
        ).values_list("role", flat=True)
    )
    for role in GROUP_NAME_PREFIXES:
        if role in roles:
            course_group(translation_key, role).user_set.add(user_id)
        else:
            for group in _groups_of(translation_key, role):
                group.user_set.remove(user_id)
    _permissions_changed()


def delete_course_groups(translation_key: uuid.UUID | str) -> None:
    """Once no page of the course is left, its groups go too."""
    if not CoursePage.objects.filter(translation_key=translation_key).exists():
        for role in GROUP_NAME_PREFIXES:
            _groups_of(translation_key, role).delete()


def rebuild_course_groups() -> None:
    """Every course's groups, their page permissions and members, from the pages and enrollments.

    Adds what is missing and never removes a member: an admin may have added one by hand.
    """
    for course in CoursePage.objects.all():
        grant_course_page_permissions(course)
    enrollments = Enrollment.objects.filter(role__in=list(GROUP_NAME_PREFIXES)).values_list(
        "user_id", "role", "course__translation_key"
    )
    for user_id, role, translation_key in enrollments:
        course_group(translation_key, role).user_set.add(user_id)
    _permissions_changed()
