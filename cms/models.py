"""The site's home page: the root under which courses live."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from courses.models import CoursePage, Enrollment

from .kept_routes import kept_route


@dataclass
class CourseState:
    """Where a course stands today, for the home page: what a visitor can do next."""

    phase: str  # "upcoming", "running" or "finished"
    applications_open: bool
    last_day_to_apply: dt.date
    enrolled: bool
    week_number: int | None = None
    weeks_count: int = 0


def course_state(course: CoursePage, *, today: dt.date, enrolled: bool) -> CourseState:
    weeks = list(course.weeks())
    current = next((w for w in weeks if w.opens_on <= today <= w.closes_on), None)
    if course.has_ended(today):
        phase = "finished"
    elif today < course.start_date:
        phase = "upcoming"
    else:
        phase = "running"
    return CourseState(
        phase=phase,
        applications_open=course.is_open_for_applications(today),
        last_day_to_apply=course.application_deadline or course.start_date,
        enrolled=enrolled,
        week_number=current.number if current else None,
        weeks_count=len(weeks),
    )


class HomePage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CoursePage"]

    def route(self, request, path_components):
        # The page under the home page a path leads to, kept between requests.
        return kept_route(
            self,
            request,
            path_components,
            lambda: super(HomePage, self).route(request, path_components),
        )

    max_count_per_parent = 1
    #: Translated for every reader, field by field (see courses.page_texts). Not its title:
    #: the site's name, which Apertium would render "Ponts" or "Bridges".
    translated_fields = [("intro", "html")]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        courses = list(self.get_children().live().public().specific())
        user = request.user
        enrolled: set[int] = set()
        if user.is_authenticated:
            enrolled = set(
                Enrollment.objects.filter(
                    user=user, course_id__in=[course.pk for course in courses]
                ).values_list("course_id", flat=True)
            )
        today = timezone.localdate()
        for course in courses:
            if isinstance(course, CoursePage):
                course.home_state = course_state(
                    course, today=today, enrolled=course.pk in enrolled
                )
        context["courses"] = courses
        return context
