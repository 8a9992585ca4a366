"""Rights stop at the course, for the shared themes and regions too.

A term (`taxonomy`) is one row that many things point at: courses' selections, case
studies, harvested passages, consents' regions and synthesis chapters belong to a course;
communities outside courses, profiles, projects, alerts and the regions within a region
belong to no course. Renaming or deleting a term changes it for every one of them (deleting
it drops a passage's tags and a synthesis chapter), so an organizer may do it only when every
use lies in courses they organize; anything else is for superusers. Any organizer still adds
terms. Registered for both models in `ProceedingsConfig.ready()`, the top app below `cms`
that can see every use; the admin views ask it (`taxonomy.wagtail_hooks`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import ForeignObjectRel
from django.utils.translation import gettext as _
from wagtail.models import Page

from courses.enrollment import organized_courses
from courses.models import CoursePage
from forum.course_of import course_id_of_forum
from forum.models import PostTags
from taxonomy.models import Region, Theme
from taxonomy.permissions import TermPermissionPolicy

from .models import ProceedingsPage


@dataclass
class TermUses:
    """Where one term is used: the courses, and what beyond courses (verbose names)."""

    courses: set[int] = field(default_factory=set)
    beyond: set[str] = field(default_factory=set)


def term_uses(model: type[Theme] | type[Region], pks: Iterable[int]) -> dict[int, TermUses]:
    """Every use of these terms, found from the models' relations themselves so that a
    relation added later counts too (beyond courses, until it is told which course it is in)."""
    pks = list(pks)
    uses = {pk: TermUses() for pk in pks}
    if not pks:
        return uses
    course_paths = list(CoursePage.objects.values_list("path", "pk"))
    for relation in model._meta.get_fields(include_hidden=True):
        if not isinstance(relation, ForeignObjectRel):  # only what points at the term
            continue
        holder = relation.related_model
        if not isinstance(holder, type) or holder._meta.auto_created:
            continue  # the through table of a many-to-many: counted by the many-to-many
        for pk, course_id in _course_of_rows(holder, relation.field.name, pks, course_paths):
            if course_id is None:
                uses[pk].beyond.add(str(holder._meta.verbose_name_plural))
            else:
                uses[pk].courses.add(course_id)
    if model is Theme:
        for pk, course_id in _synthesis_chapters(pks, course_paths):
            uses[pk].courses.add(course_id)
    return uses


def _course_of_path(path: str, course_paths: list[tuple[str, int]]) -> int | None:
    return next((pk for prefix, pk in course_paths if path.startswith(prefix)), None)


def _course_of_rows(
    holder: type[models.Model], name: str, pks: list[int], course_paths: list[tuple[str, int]]
) -> Iterable[tuple[int, int | None]]:
    rows = holder._default_manager.filter(**{f"{name}__in": pks})
    if issubclass(holder, Page):
        for pk, path in rows.values_list(name, "path"):
            yield pk, _course_of_path(path, course_paths)
    elif issubclass(holder, PostTags):
        for pk, forum_id in rows.values_list(name, "post__topic__forum_id"):
            yield pk, course_id_of_forum(forum_id)
    elif _points_at_a_course(holder):
        # Passages, consents, communities: a community with no course is beyond courses.
        yield from rows.values_list(name, "course_id")
    else:
        for pk in rows.values_list(name, flat=True).distinct():
            yield pk, None


def _points_at_a_course(holder: type[models.Model]) -> bool:
    try:
        course = holder._meta.get_field("course")
    except FieldDoesNotExist:
        return False
    return course.is_relation and course.related_model is CoursePage


def _synthesis_chapters(
    pks: list[int], course_paths: list[tuple[str, int]]
) -> Iterable[tuple[int, int]]:
    """The themes of the proceedings' synthesis chapters, published or in their latest draft
    (a StreamField, which no relation shows)."""
    wanted = set(pks)
    for page in ProceedingsPage.objects.select_related("latest_revision"):
        course_id = _course_of_path(page.path, course_paths)
        if course_id is None:
            continue
        streams: list[Any] = [page.syntheses.raw_data]
        if page.latest_revision is not None:
            streams.append(page.latest_revision.content.get("syntheses") or [])
        for stream in streams:
            blocks = json.loads(stream) if isinstance(stream, str) else stream
            for block in blocks or []:
                theme = (block.get("value") or {}).get("theme")
                if theme in wanted:
                    yield theme, course_id


class VocabularyPermissionPolicy(TermPermissionPolicy):
    def refusals(self, user: Any, terms: Iterable[Any]) -> dict[int, str]:
        terms = list(terms)
        if user.is_active and user.is_superuser:
            return {}
        organized = set(organized_courses(user).values_list("pk", flat=True))
        names = {term.pk: term.name for term in terms}
        refused = {}
        for pk, uses in term_uses(self.model, names).items():
            name = names[pk]
            if uses.beyond:
                refused[pk] = _(
                    "“%(term)s” is also used beyond courses (%(uses)s): only an administrator "
                    "can rename or delete it. Nothing was changed."
                ) % {"term": name, "uses": ", ".join(sorted(uses.beyond))}
            elif uses.courses - organized:
                refused[pk] = _(
                    "“%(term)s” is also used by a course you do not organize: only an "
                    "administrator can rename or delete it. Nothing was changed."
                ) % {"term": name}
        return refused
