"""A course's own themes and regions: what its harvest and proceedings are tagged with.

Organizers choose them on the course page (`CoursePage.themes`, `CoursePage.regions`) from
the shared vocabulary (`taxonomy`); a course that chose none uses every theme and region.
Names are shown in the reader's language (`courses.vocabulary_texts`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db.models import QuerySet

from courses.models import CoursePage
from courses.vocabulary_texts import shown_terms
from taxonomy.models import Region, Theme


def course_themes(course: CoursePage) -> QuerySet[Theme]:
    chosen = Theme.objects.filter(courses=course)
    return chosen if chosen.exists() else Theme.objects.all()


def course_regions(course: CoursePage) -> QuerySet[Region]:
    chosen = Region.objects.filter(courses=course)
    return chosen if chosen.exists() else Region.objects.all()


def term_names(
    terms: Sequence[Theme | Region], *, language: str, reads: Iterable[str] = ()
) -> dict[int, str]:
    """Each term's name in the reader's language, by id (terms of one kind)."""
    return {name.term.pk: name.name for name in shown_terms(terms, language=language, reads=reads)}
