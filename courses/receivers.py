"""Keeping the editorial groups and the review workflow in step with courses and roles."""

from __future__ import annotations

from django.contrib.auth.models import Group

from .course_groups import (
    delete_course_groups,
    grant_course_page_permissions,
    sync_course_membership,
)
from .editorial import (
    KEY_RESPONDENTS_GROUP,
    ORGANIZERS_GROUP,
    assign_review_workflow,
    ensure_editorial_setup,
)
from .models import CoursePage, Enrollment, Role
from .services import enroll

# The site-wide group that gives each role the admin and its model permissions.
ROLE_GROUPS = {Role.ORGANIZER: ORGANIZERS_GROUP, Role.KEY_RESPONDENT: KEY_RESPONDENTS_GROUP}


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
    is_a_copy = (
        CoursePage.objects.filter(translation_key=instance.translation_key)
        .exclude(pk=instance.pk)
        .exists()
    )
    owner = instance.owner
    if owner is not None and not owner.is_superuser and not is_a_copy:
        enroll(course=instance, user=owner, role=Role.ORGANIZER)


def drop_groups_of_deleted_course(sender, instance: CoursePage, **kwargs) -> None:
    delete_course_groups(instance.translation_key)


def remember_enrollment_before_change(sender, instance: Enrollment, raw=False, **kwargs) -> None:
    """Before a save or delete: who was enrolled where, in which role, to update their groups."""
    instance._before_change = (
        Enrollment.objects.filter(pk=instance.pk)
        .values_list("user_id", "role", "course__translation_key")
        .first()
        if instance.pk and not raw
        else None
    )


def sync_groups_after_saving(sender, instance: Enrollment, raw=False, **kwargs) -> None:
    """The person's groups follow the enrollment: to its new place, out of its old one."""
    if raw:
        return
    translation_key = (
        CoursePage.objects.filter(pk=instance.course_id)
        .values_list("translation_key", flat=True)
        .first()
    )
    _sync_groups(instance, now=(instance.user_id, instance.role, translation_key))


def sync_groups_after_deleting(sender, instance: Enrollment, **kwargs) -> None:
    _sync_groups(instance, now=None)


def _sync_groups(instance: Enrollment, now: tuple | None) -> None:
    places = {place for place in (getattr(instance, "_before_change", None), now) if place}
    for user_id, role, translation_key in places:
        if translation_key is not None:
            sync_course_membership(user_id, translation_key)
        _sync_role_group(user_id, role)


def _sync_role_group(user_id: int, role: str) -> None:
    """In the role's site-wide group while any course still gives the user that role."""
    group_name = ROLE_GROUPS.get(role)
    if not group_name:
        return
    if Enrollment.objects.filter(user_id=user_id, role=role).exists():
        Group.objects.get_or_create(name=group_name)[0].user_set.add(user_id)
    else:
        for group in Group.objects.filter(name=group_name):
            group.user_set.remove(user_id)
