"""Enrollments in the Wagtail admin, scoped to the courses each organizer organizes."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import CoursePage, Enrollment, WeekPage
from .scoped_admin import (
    CourseScopedCopyView,
    CourseScopedCreateView,
    CourseScopedEditView,
    CourseScopedViewSet,
)


def course_weeks(courses: QuerySet[CoursePage]) -> QuerySet[WeekPage]:
    weeks = Q(pk__in=[])
    for course in courses:
        weeks |= WeekPage.objects.child_of_q(course)
    return WeekPage.objects.filter(weeks)


class OwnCourseWeekChoice:
    """Mixed into the enrollment forms: a key respondent's week is one of the user's courses.

    The model already refuses a week of another course than the enrollment's; this keeps
    other courses' weeks out of the list.
    """

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        form.fields["week"].queryset = course_weeks(form.fields["course"].queryset)
        return form


class EnrollmentCreateView(OwnCourseWeekChoice, CourseScopedCreateView):
    pass


class EnrollmentEditView(OwnCourseWeekChoice, CourseScopedEditView):
    pass


class EnrollmentCopyView(OwnCourseWeekChoice, CourseScopedCopyView):
    pass


class EnrollmentViewSet(CourseScopedViewSet):
    model = Enrollment
    icon = "group"
    menu_label = _("Enrollments")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["user", "course", "role", "week", "after_course", "created_at"]
    list_filter = ["course", "role", "after_course"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    form_fields = ["course", "user", "role", "week"]
    add_view_class = EnrollmentCreateView
    edit_view_class = EnrollmentEditView
    copy_view_class = EnrollmentCopyView
