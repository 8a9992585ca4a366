"""Each course's own groups: its organizers and its key respondents, with page permissions on
the course page and on every translated copy of it.

Wagtail grants page permissions per group, on a page and everything under it. Site-wide
groups holding them on the root let the organizer of one course edit, publish and delete every
other course's pages; a pair of groups per course keeps each person inside their own course.
The groups belong to the course (its source page, see `courses.identity`) and hold their
permissions on every language version of the course page.

Group names end with "(course <source page id>)": it finds the group again whatever the
course is called now. The title in the name is only there for people reading the groups list.

Starting a new course in the admin is for superusers (or a group an admin gives "add" on a
home page). Organizers do not get "add" on the home pages: Wagtail would then let them browse
every course under them, drafts included, and edit any page they own there. Whoever else
starts a course (the demo's organizer, such a group's member) is enrolled as its organizer
(`courses.receivers`).
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Manager, QuerySet
from wagtail.models import GroupPagePermission

from .identity import source_course
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

# Group.name holds 150 characters: the longest prefix, the id and the brackets leave 90
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


def name_suffix(course_id: int) -> str:
    return f" (course {course_id})"


def named_for_course(queryset: QuerySet | Manager, prefix: str, course_id: int) -> QuerySet:
    """The rows (groups, workflows, tasks) named "<prefix> <course title> (course <id>)"."""
    return queryset.filter(name__startswith=f"{prefix} ", name__endswith=name_suffix(course_id))


def name_for_course(prefix: str, course: CoursePage) -> str:
    return f"{prefix} {course.title[:TITLE_IN_NAME]}{name_suffix(course.pk)}"


def _groups_of(course_id: int, role: Role | str) -> QuerySet[Group]:
    return named_for_course(Group.objects, GROUP_NAME_PREFIXES[Role(role)], course_id)


def course_group(course: CoursePage, role: Role | str) -> Group:
    """The course's group for the role (of its source page), made if need be."""
    course = source_course(course)
    group = _groups_of(course.pk, role).first()
    if group is not None:
        return group
    name = name_for_course(GROUP_NAME_PREFIXES[Role(role)], course)
    return Group.objects.get_or_create(name=name)[0]


def grant_course_page_permissions(page: CoursePage) -> None:
    """The course's groups get their page permissions on this language version of its page."""
    course = source_course(page)
    for role, codenames in COURSE_PAGE_PERMISSIONS.items():
        group = course_group(course, role)
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=page,
                permission=get_or_create_permission("wagtailcore.Page", codename),
            )
    _permissions_changed()


def sync_course_membership(user_id: int, course: CoursePage) -> None:
    """The user is in each of the course's groups exactly while an enrollment gives the role."""
    course = source_course(course)
    roles = set(
        Enrollment.objects.filter(user_id=user_id, course=course).values_list("role", flat=True)
    )
    for role in GROUP_NAME_PREFIXES:
        if role in roles:
            course_group(course, role).user_set.add(user_id)
        else:
            for group in _groups_of(course.pk, role):
                group.user_set.remove(user_id)
    _permissions_changed()


def delete_course_groups(course_id: int) -> None:
    """The course's source page is gone: its groups go too."""
    for role in GROUP_NAME_PREFIXES:
        _groups_of(course_id, role).delete()


def rebuild_course_groups() -> None:
    """Every course's groups, their page permissions and members, from the pages and enrollments.

    Adds what is missing and never removes a member: an admin may have added one by hand.
    """
    for page in CoursePage.objects.all():
        grant_course_page_permissions(page)
    enrollments = Enrollment.objects.filter(role__in=list(GROUP_NAME_PREFIXES)).select_related(
        "course"
    )
    for enrollment in enrollments:
        course_group(enrollment.course, enrollment.role).user_set.add(enrollment.user_id)
    _permissions_changed()
