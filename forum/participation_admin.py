"""Organizers' figures of a course: responses matrix (and CSV), languages, open questions."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from courses.enrollment import organized_courses
from courses.identity import source_course
from courses.models import CoursePage, Role
from courses.viewsets import AdminScreen, CourseScopedViewSet

from .models import CommunityOfPractice
from .progress import language_figures, matrix_csv, matrix_members, progress_matrix
from .questions import question_counts

VIEW_PERMISSION = "courses.view_enrollment"
MEMBERS_PER_PAGE = 50


class ParticipationIndexView(PermissionRequiredMixin, AdminScreen, TemplateView):
    permission_required = VIEW_PERMISSION
    template_name = "cohort_forum/admin/participation_index.html"
    page_title = _("Participation")
    header_icon = "table"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "courses": organized_courses(self.request.user),
        }


class ParticipationView(PermissionRequiredMixin, AdminScreen, TemplateView):
    permission_required = VIEW_PERMISSION
    template_name = "cohort_forum/admin/participation.html"
    page_title = _("Participation")
    header_icon = "table"
    parent_screen = ("participation_index", _("Participation"))

    def get(self, request, course_id: int):
        # Any language version of the course page leads to the course itself.
        page = get_object_or_404(CoursePage, pk=course_id)
        self.course = get_object_or_404(organized_courses(request.user), pk=source_course(page).pk)
        self.role = request.GET.get("role", "") if request.GET.get("role") in Role.values else ""
        self.region = request.GET.get("region", "").strip()
        if request.GET.get("format") == "csv":  # every member
            weeks, rows = progress_matrix(self.course, role=self.role, region=self.region)
            response = HttpResponse(matrix_csv(weeks, rows), content_type="text/csv")
            response["Content-Disposition"] = (
                f'attachment; filename="participation-{self.course.slug}.csv"'
            )
            return response
        # A page of members at a time: a cohort of hundreds is a table of hundreds of rows.
        members = matrix_members(self.course, role=self.role, region=self.region)
        self.page = Paginator(members, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
        self.matrix = progress_matrix(
            self.course, role=self.role, region=self.region, members=list(self.page.object_list)
        )
        return super().get(request)

    @property
    def page_query(self) -> str:
        """The filters, for the links to the other pages."""
        filters = {"role": self.role, "region": self.region}
        return urlencode({name: value for name, value in filters.items() if value})

    def get_page_subtitle(self):
        return self.course.title

    def get_context_data(self, **kwargs):
        weeks, rows = self.matrix
        return {
            **super().get_context_data(**kwargs),
            "course": self.course,
            "weeks": weeks,
            "rows": rows,
            "page": self.page,
            "page_query": self.page_query,
            "roles": Role.choices,
            "role": self.role,
            "region": self.region,
            "languages": language_figures(self.course),
            "questions": question_counts(self.course),
        }


class CommunityViewSet(CourseScopedViewSet):
    """Private communities of practice: an organizer names one and adds its members.

    Only in the courses they organize (see :mod:`courses.viewsets`).
    """

    model = CommunityOfPractice
    #: Its admin pages stay at /admin/communities/; the namespace `communities` is the
    #: members' pages' (communities.urls).
    url_namespace = "community_admin"
    icon = "group"
    menu_label = _("Communities of practice")
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["name", "course"]
    list_filter = ["course"]
    form_fields = ["course", "name", "description", "members", "themes", "region"]
