"""The course navigation beside a course, week or case-study page."""

from __future__ import annotations

from django import template

from ..models import CaseStudyPage, CoursePage, WeekPage

register = template.Library()


@register.inclusion_tag("courses/includes/course_nav.html", takes_context=True)
def course_nav(context, page):
    """Course → weeks (number, dates, state) → the open page's readings, questions,
    case studies and discussion."""
    page = page.specific
    week = None
    if isinstance(page, CaseStudyPage):
        week = page.get_parent().specific
    elif isinstance(page, WeekPage):
        week = page
    course = week.course if week is not None else page
    if not isinstance(course, CoursePage):
        return {"course": None}
    return {
        "course": course,
        "weeks": course.weeks(),
        "open_week": week,
        "case_studies": week.case_studies() if week is not None else [],
        "page": page,
        "request": context.get("request"),
    }
