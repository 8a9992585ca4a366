"""Bookkeeping that follows pages, wherever they are created (the admin, the demo): the
editorial groups, each course's review workflow and its page rights, and the translation of
every published page's texts. Enrollments have no receivers: their actions
(`courses.enrollment`) do their own side effects.
"""

from __future__ import annotations

from .course_groups import delete_course_groups, grant_course_page_permissions
from .editorial import assign_review_workflow, ensure_editorial_setup
from .enrollment import enroll
from .models import CoursePage, Role
from .page_texts import forget_page_texts, request_page_texts


def set_up_editorial_groups(sender, **kwargs) -> None:
    ensure_editorial_setup()


def assign_workflow_to_new_course(sender, instance, created, raw=False, **kwargs) -> None:
    if created and not raw:
        assign_review_workflow(instance)


def give_course_groups_the_new_page(sender, instance: CoursePage, created, raw=False, **kwargs):
    """A new course is written by its groups.

    Whoever starts a course, superusers aside, organizes it: they could not publish it else.
    """
    if not created or raw:
        return
    grant_course_page_permissions(instance)
    owner = instance.owner
    if owner is not None and not owner.is_superuser:
        enroll(course=instance, user=owner, role=Role.ORGANIZER)


def drop_groups_of_deleted_course(sender, instance: CoursePage, **kwargs) -> None:
    """Groups are named after the course: gone with it."""
    delete_course_groups(instance.pk)


def translate_published_page(sender, instance, **kwargs) -> None:
    """A page published (or published again): its changed texts are translated."""
    request_page_texts(instance)


def forget_texts_of_deleted_page(sender, instance, **kwargs) -> None:
    forget_page_texts(instance)
