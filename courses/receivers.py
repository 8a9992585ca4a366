"""Keeping the editorial groups and the review workflow in step with courses and roles."""

from __future__ import annotations

from django.contrib.auth.models import Group

from .editorial import (
    KEY_RESPONDENTS_GROUP,
    ORGANIZERS_GROUP,
    assign_review_workflow,
    ensure_editorial_setup,
)
from .models import Enrollment, Role

# The Wagtail group that each role needs to write in the admin.
ROLE_GROUPS = {Role.ORGANIZER: ORGANIZERS_GROUP, Role.KEY_RESPONDENT: KEY_RESPONDENTS_GROUP}


def set_up_editorial_groups(sender, **kwargs) -> None:
    ensure_editorial_setup()


def assign_workflow_to_new_course(sender, instance, created, raw=False, **kwargs) -> None:
    if created and not raw:
        assign_review_workflow(instance)


def join_role_group(sender, instance: Enrollment, raw=False, **kwargs) -> None:
    group_name = ROLE_GROUPS.get(instance.role)
    if group_name and not raw:
        group, _created = Group.objects.get_or_create(name=group_name)
        instance.user.groups.add(group)


def leave_role_group(sender, instance: Enrollment, **kwargs) -> None:
    """Leave the group only when no other course still gives the user that role."""
    group_name = ROLE_GROUPS.get(instance.role)
    if not group_name:
        return
    still_needed = Enrollment.objects.filter(user_id=instance.user_id, role=instance.role).exists()
    if not still_needed:
        for group in Group.objects.filter(name=group_name):
            group.user_set.remove(instance.user_id)
