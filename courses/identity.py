"""One course identity: the course page that every other language version was made from.

wagtail-localize gives each language its own copy of a course page (same `translation_key`,
its own id). Everything that belongs to a course (enrollments, applications, its forum and
machina groups, its page-rights groups, communities, glossary) points at the source page:
the first of those pages, the one the others were translated from. Whatever page a request
comes through, :func:`course_of_page` answers which course it is.
"""

from __future__ import annotations

from django.db.models import Min, QuerySet
from wagtail.models import Page

from .models import CoursePage


def source_course(course: CoursePage) -> CoursePage:
    """The course itself: the first page of its translation key (the original language)."""
    if course.pk is None:
        return course
    first = (
        CoursePage.objects.filter(translation_key=course.translation_key)
        .order_by("pk")
        .only("pk")
        .first()
    )
    if first is None or first.pk == course.pk:
        return course
    return CoursePage.objects.get(pk=first.pk)


def course_of_page(page: Page) -> CoursePage | None:
    """The course a page is, or is under (weeks, case studies, any page below), any language."""
    course = page.get_ancestors(inclusive=True).type(CoursePage).order_by("-depth").first()
    return source_course(course.specific) if course is not None else None


def language_versions(course: CoursePage):
    """Every page of the course: the source and its copies in other languages."""
    return CoursePage.objects.filter(translation_key=course.translation_key)


def source_courses() -> QuerySet[CoursePage]:
    """Every course, once: the source page of each translation key."""
    firsts = CoursePage.objects.order_by().values("translation_key").annotate(first=Min("pk"))
    return CoursePage.objects.filter(pk__in=firsts.values("first"))
