"""Organizers review applications in the Wagtail admin: list, filter, accept, decline."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from . import applications
from .enrollment import organized_courses
from .models import Application, Role, WeekPage
from .viewsets import AdminScreen

REVIEW_PERMISSION = "courses.change_application"


def is_id(value: str) -> bool:
    """ASCII digits only: `str.isdigit()` also says yes to "²", which the database refuses."""
    return value.isascii() and value.isdigit()


class ApplicationsView(PermissionRequiredMixin, AdminScreen, TemplateView):
    permission_required = REVIEW_PERMISSION
    template_name = "courses/admin/applications.html"
    page_title = gettext_lazy("Applications")
    header_icon = "form"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        courses = organized_courses(self.request.user)
        found = (
            Application.objects.filter(course__in=courses)
            .select_related("user", "user__puentes_profile", "course")
            .order_by("status", "-created_at")
        )
        filters = {key: self.request.GET.get(key, "") for key in ("course", "status", "role")}
        if is_id(filters["course"]):
            found = found.filter(course_id=int(filters["course"]))
        if filters["status"] in Application.Status.values:
            found = found.filter(status=filters["status"])
        if filters["role"] in Application.AppliedRole.values:
            found = found.filter(role=filters["role"])
        context.update(
            page_obj=Paginator(found, 50).get_page(self.request.GET.get("p")),
            courses=courses,
            filters=filters,
            statuses=Application.Status.choices,
            roles=Application.AppliedRole.choices,
            # In course order: by number, whatever order the pages were made in.
            weeks=WeekPage.objects.filter(depth__gt=2).order_by("number", "path"),
            enrollment_roles=Role.choices,
        )
        return context


class DecideApplicationView(PermissionRequiredMixin, View):
    permission_required = REVIEW_PERMISSION

    def post(self, request, pk: int):
        application = get_object_or_404(
            Application.objects.filter(course__in=organized_courses(request.user)), pk=pk
        )
        try:
            if request.POST.get("decision") == "accept":
                role = request.POST.get("role") or application.role
                week_id = request.POST.get("week", "")
                week = (
                    WeekPage.objects.child_of(application.course).filter(pk=week_id).first()
                    if is_id(week_id)
                    else None
                )
                applications.accept(application, by=request.user, role=role, week=week)
                messages.success(request, _("%(name)s is enrolled.") % {"name": application.user})
            elif request.POST.get("decision") == "decline":
                applications.decline(application, by=request.user)
                messages.success(
                    request, _("%(name)s's application is declined.") % {"name": application.user}
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        # Back to the list the organizer came from, never to another site.
        wanted = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(
            wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(wanted)
        return redirect("course_applications")
