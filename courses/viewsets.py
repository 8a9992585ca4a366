"""Admin screens of rows that belong to a course, narrowed to the courses a user organizes.

Organizers hold model permissions (add, change, delete, view) for every course's rows, and
Wagtail's generic views check nothing more. A :class:`CourseScopedViewSet` narrows each view
it builds: the listing and its course filter to the user's courses, every view of one row
to a row of theirs (404 otherwise), and the form's course and people choices to theirs.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.contrib.auth.models import User
from django.http import Http404
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views import generic
from wagtail.admin.views.generic import WagtailAdminTemplateMixin, history, usage
from wagtail.admin.viewsets.model import ModelViewSet

from .enrollment import organized_courses, people_of_organized_courses

#: The base of the mixins of Wagtail's views: `object` when run, `Any` to mypy, which sees
#: Wagtail's views (whose methods the mixins call through super()) as untyped.
WagtailViewMixin: Any = object


class AdminScreen(WagtailAdminTemplateMixin):
    """One of our own admin screens, titled by what it is.

    Wagtail shows the breadcrumbs instead of a visible title (the h1 is for screen readers
    only), and its default breadcrumbs hold only "Home": without its own item, every such
    screen read "Home". `parent_screen` adds the screen this one sits under, if any.
    """

    parent_screen: tuple[str, str | Promise] | None = None  # (URL name, label)

    def get_breadcrumbs_items(self):
        items = list(self.breadcrumbs_items)
        if self.parent_screen is None:
            return [*items, {"url": "", "label": self.get_header_title()}]
        url_name, label = self.parent_screen
        return [
            *items,
            {"url": reverse(url_name), "label": label},
            {"url": "", "label": self.get_page_subtitle() or self.get_page_title()},
        ]


class OwnCourseRow(WagtailViewMixin):
    """Mixed into the views of one row: another course's row is not found."""

    def get_object(self, *args, **kwargs):
        row = super().get_object(*args, **kwargs)
        if not organized_courses(self.request.user).filter(pk=row.course_id).exists():
            raise Http404
        return row


class OwnCourseChoice(WagtailViewMixin):
    """Mixed into the forms: a row goes only into one of the user's courses, and names only
    people of those courses (their members and applicants) where it names people.

    The fields' querysets are what validate the POST, so a forged course or person id is
    refused ("Select a valid choice"), not just hidden from the list.
    """

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        form.fields["course"].queryset = organized_courses(self.request.user)
        for field in form.fields.values():
            if getattr(field, "queryset", None) is not None and field.queryset.model is User:
                field.queryset = people_of_organized_courses(self.request.user)
        return form


class OwnCoursesFilterSet(WagtailFilterSet):
    """The listing's filters, with only the user's courses to choose from."""

    course = django_filters.ModelChoiceFilter(
        label=_("course"), queryset=lambda request: organized_courses(request.user)
    )


class CourseScopedIndexView(generic.IndexView):
    base_filterset_class = OwnCoursesFilterSet

    def get_base_queryset(self):
        return super().get_base_queryset().filter(course__in=organized_courses(self.request.user))


class CourseScopedCreateView(OwnCourseChoice, generic.CreateView):
    pass


class CourseScopedEditView(OwnCourseChoice, OwnCourseRow, generic.EditView):
    pass


class CourseScopedCopyView(OwnCourseChoice, OwnCourseRow, generic.CopyView):
    pass


class CourseScopedDeleteView(OwnCourseRow, generic.DeleteView):
    pass


class CourseScopedHistoryView(OwnCourseRow, history.HistoryView):
    pass


class CourseScopedUsageView(OwnCourseRow, usage.UsageView):
    pass


class CourseScopedInspectView(OwnCourseRow, generic.InspectView):
    pass


class CourseScopedViewSet(ModelViewSet):
    """A viewset of a model with a `course` field, in `form_fields` and `list_filter`.

    Organizers see, add, change and delete only the rows of the courses they organize;
    superusers all of them.
    """

    index_view_class = CourseScopedIndexView
    add_view_class = CourseScopedCreateView
    edit_view_class = CourseScopedEditView
    copy_view_class = CourseScopedCopyView
    delete_view_class = CourseScopedDeleteView
    history_view_class = CourseScopedHistoryView
    usage_view_class = CourseScopedUsageView
    inspect_view_class = CourseScopedInspectView
