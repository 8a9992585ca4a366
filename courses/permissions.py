"""Who may write which page: organizers their own courses, key respondents their case studies.

Wagtail's page permissions are per subtree, not per page type. Each course's groups hold them
on that course's pages (`courses.course_groups`): its organizers write the whole course, its
key respondents hold "add" (which also lets them edit the pages they own). The rules below
narrow that: what each may create (enforced by the `before_create_page`, `before_copy_page`
and `before_move_page` hooks) and which case studies key respondents may edit.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .course_groups import permission_changes
from .enrollment import organized_courses
from .identity import course_of_page
from .models import CaseStudyPage, CoursePage, Enrollment, Role, WeekPage


def organizes_course_of(user: User | AnonymousUser, page: Page) -> bool:
    """Superusers, and organizers of the course the page is or is under (in any language)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    course = course_of_page(page)
    return course is not None and organized_courses(user).filter(pk=course.pk).exists()


def may_create_page(user: User | AnonymousUser, parent: Page, page_class: type[Page]) -> bool:
    """Organizers build their own courses; key respondents add case studies to their own week.

    A new course is left to Wagtail's permissions on the home page, which no group holds by
    default: superusers start courses (see courses.course_groups for why not organizers).
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or issubclass(page_class, CoursePage):
        return True
    if organizes_course_of(user, parent):
        return True
    if not issubclass(page_class, CaseStudyPage):
        return False
    week = parent.specific
    if not isinstance(week, WeekPage):
        return False
    return (
        Enrollment.objects.filter(user=user, course=course_of_page(week), role=Role.KEY_RESPONDENT)
        .filter(Q(week__isnull=True) | Q(week=week))
        .exists()
    )


class CoursePagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, whose per-user cache is dropped when a course's groups change.

    Wagtail caches a user's page permissions on the user object. Before each course had its
    own groups, a permission on the root covered any page made later; now a translated copy
    of a course gets its permissions when it is created, and a user object loaded before
    that (publishing a week, then its new translation) must not go on without them.
    """

    def get_cached_permissions_for_user(self, user):
        changes = permission_changes()
        if getattr(user, "_course_permission_changes", changes) != changes:
            for name in (self.permission_cache_name, self._explorable_root_instance_cache_name):
                if hasattr(user, name):
                    delattr(user, name)
        user._course_permission_changes = changes
        return super().get_cached_permissions_for_user(user)
