"""Bookkeeping that follows course pages, wherever they are created (the admin, a
wagtail-localize translation, the demo): the editorial groups, each course's review workflow
and its page rights. Enrollments have no receivers: their actions (`courses.enrollment`) do
their own side effects.
"""

from __future__ import annotations

from .course_groups import delete_course_groups, grant_course_page_permissions
from .editorial import assign_review_workflow, ensure_editorial_setup
from .enrollment import enroll
from .identity import source_course
from .models import CoursePage, Role


def set_up_editorial_groups(sender, **kwargs) -> None:
    ensure_editorial_setup()


def assign_workflow_to_new_course(sender, instance, created, raw=False, **kwargs) -> None:
    if created and not raw:
        assign_review_workflow(instance)


def give_course_groups_the_new_page(sender, instance: CoursePage, created, raw=False, **kwargs):
    """A new course, or a copy of one in another language, is written by that course's groups.

    Whoever starts a course, superusers aside, organizes it: they could not publish it else.
    """
    if not created or raw:
        return
    grant_course_page_permissions(instance)
    is_a_copy = source_course(instance).pk != instance.pk
    owner = instance.owner
    if owner is not None and not owner.is_superuser and not is_a_copy:
        enroll(course=instance, user=owner, role=Role.ORGANIZER)


def drop_groups_of_deleted_course(sender, instance: CoursePage, **kwargs) -> None:
    """Groups are named after the course's source page: gone with it (a copy has none)."""
    delete_course_groups(instance.pk)
