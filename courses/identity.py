"""One course identity: a course is its page, the same page in every language.

Pages are one tree, one URL per page in every language: their texts are translated field by
field beside them (`translations.models.TextSource`), not copied into a tree per language.
Everything that belongs to a course (enrollments, applications, its forum and machina
groups, its page-rights groups, communities, glossary) points at the course page; whatever
page below it a request comes through, :func:`course_of_page` answers which course it is.
Sites that had wagtail-localize's per-language copies lost them in migration
`courses.0007_one_page_tree`, after `courses.0005_one_course_identity` had moved every row
to the page they were copied from.
"""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.models import Page

from .models import CoursePage


def source_course(course: CoursePage) -> CoursePage:
    """The course itself (kept for the callers written when a course had copies)."""
    return course


def course_of_page(page: Page) -> CoursePage | None:
    """The course a page is, or is under (weeks, case studies, any page below)."""
    course = page.get_ancestors(inclusive=True).type(CoursePage).order_by("-depth").first()
    return course.specific if course is not None else None


def source_courses() -> QuerySet[CoursePage]:
    """Every course."""
    return CoursePage.objects.all()
