"""Wagtail's history of admin changes, narrowed to the courses a user organizes.

Wagtail lists to a user the log entries of every model they hold a permission on; organizers
hold them for every course's enrollments, communities and glossary terms, so the Site
history report (its listing, results, CSV and XLSX export, type and action filters) showed
who joined which other course, in which role. All of those ask one method which entries a
user may see, ``ModelLogEntryManager.viewable_by_user``; :func:`narrow_model_log_entries`
wraps it so that entries of a row with a course are seen only by that course's organizers.

Why wrap a method: Wagtail 8.0 has no hook to filter log entries, and the report's URL comes
ahead of every ``register_admin_urls`` hook, so it cannot be replaced at its URL. The
wrapping is installed by the ``register_log_actions`` hook, which Wagtail runs when it builds
its log registry, before the report (or anything else) asks the registry for its log models.

Page history is left as Wagtail has it: page rights are per course (``courses.course_groups``),
and Wagtail shows a page's history only to those with rights on the page.
A row's own History screen is scoped already (``courses.viewsets``).
"""

from __future__ import annotations

import functools
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import CharField, Model, Q, QuerySet
from django.db.models.functions import Cast
from wagtail.log_actions import LogActionRegistry
from wagtail.models import ModelLogEntry
from wagtail.models.audit_log import ModelLogEntryManager

from .enrollment import organized_courses
from .models import CoursePage


@functools.cache
def course_scoped_models() -> tuple[type[Model], ...]:
    """Every model whose rows belong to a course: a `course` foreign key to a course page."""
    scoped = []
    for model in apps.get_models():
        try:
            field = model._meta.get_field("course")
        except FieldDoesNotExist:
            continue
        related = field.related_model
        if (
            field.concrete
            and field.is_relation
            and isinstance(related, type)
            and issubclass(related, CoursePage)
        ):
            scoped.append(model)
    return tuple(scoped)


def entries_in_organized_courses(
    entries: QuerySet[ModelLogEntry], user: User | AnonymousUser
) -> QuerySet[ModelLogEntry]:
    """The entries, less those of another course's rows; superusers keep them all.

    One subquery per course-scoped model: the ids of its rows in the user's courses. An
    entry of a row deleted since is hidden from all but superusers: Wagtail's entries record
    the row's id and text (an enrollment's reads "person · role · course title", a title
    that other courses may share), never its course, so nothing says whose row it was.
    """
    if user.is_superuser:
        return entries
    courses = organized_courses(user)
    content_types = ContentType.objects.get_for_models(
        *course_scoped_models(), for_concrete_models=False
    )
    visible = ~Q(content_type__in=[content_type.pk for content_type in content_types.values()])
    for model, content_type in content_types.items():
        own_rows = model._base_manager.filter(course__in=courses).values(
            id_text=Cast("pk", output_field=CharField())
        )
        visible |= Q(content_type=content_type, object_id__in=own_rows)
    return entries.filter(visible)


def narrow_model_log_entries(actions: LogActionRegistry) -> None:
    """Wrap ``ModelLogEntryManager.viewable_by_user`` with the courses' rule, once."""
    wagtails_rule = ModelLogEntryManager.viewable_by_user
    if getattr(wagtails_rule, "narrowed_to_organized_courses", False):
        return

    @functools.wraps(wagtails_rule)
    def viewable_by_user(self, user):
        return entries_in_organized_courses(wagtails_rule(self, user), user)

    marked: Any = viewable_by_user  # mypy types no attributes on functions
    marked.narrowed_to_organized_courses = True
    ModelLogEntryManager.viewable_by_user = viewable_by_user
