"""Enrollments in the Wagtail admin, scoped to the courses each organizer organizes."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _

from .enrollment import enrollment_deleted, enrollment_saved, stored_place
from .models import CoursePage, Enrollment, WeekPage
from .viewsets import (
    CourseScopedCopyView,
    CourseScopedCreateView,
    CourseScopedDeleteView,
    CourseScopedEditView,
    CourseScopedViewSet,
    WagtailViewMixin,
)


def course_weeks(courses: QuerySet[CoursePage]) -> QuerySet[WeekPage]:
    weeks = Q(pk__in=[])
    for course in courses:
        weeks |= WeekPage.objects.child_of_q(course)
    # Course by course, each in course order (by number, whatever order they were made in).
    course_path = Substr("path", 1, Length("path") - WeekPage.steplen)
    return WeekPage.objects.filter(weeks).order_by(course_path, "number", "path")


class OwnCourseWeekChoice(WagtailViewMixin):
    """Mixed into the enrollment forms: a key respondent's week is one of the user's courses.

    The model already refuses a week of another course than the enrollment's; this keeps
    other courses' weeks out of the list.
    """

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        form.fields["week"].queryset = course_weeks(form.fields["course"].queryset)
        return form


class RightsFollow(WagtailViewMixin):
    """Mixed into the views that save an enrollment: Wagtail's action saves and logs the row,
    then the enrollment's consequences follow (`courses.enrollment.enrollment_saved`)."""

    stored: tuple[int, int, str] | None = None

    def save_instance(self):
        enrollment = super().save_instance()
        enrollment_saved(enrollment, before=self.stored)
        return enrollment


class EnrollmentCreateView(OwnCourseWeekChoice, RightsFollow, CourseScopedCreateView):
    pass


class EnrollmentEditView(OwnCourseWeekChoice, RightsFollow, CourseScopedEditView):
    def get_object(self, *args, **kwargs):
        row = super().get_object(*args, **kwargs)
        self.stored = stored_place(row)  # before the form writes the new values on it
        return row


class EnrollmentCopyView(OwnCourseWeekChoice, RightsFollow, CourseScopedCopyView):
    pass


class EnrollmentDeleteView(CourseScopedDeleteView):
    def delete_action(self):
        super().delete_action()
        enrollment_deleted(self.object)


class EnrollmentViewSet(CourseScopedViewSet):
    model = Enrollment
    icon = "group"
    menu_label = _("Enrollments")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["user", "course", "role", "week", "late_until", "after_course", "created_at"]
    list_filter = ["course", "role", "after_course"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    form_fields = ["course", "user", "role", "week", "late_until"]
    add_view_class = EnrollmentCreateView
    edit_view_class = EnrollmentEditView
    copy_view_class = EnrollmentCopyView
    delete_view_class = EnrollmentDeleteView
