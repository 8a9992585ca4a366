"""Organizers set each week forum's subscription mode (Moodle's four: optional, forced,
automatic, disabled) on one admin screen listing the forums of the courses they organize.

Imported by `notifications.wagtail_hooks` (Wagtail only discovers that module).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from courses.enrollment import organized_courses
from courses.viewsets import AdminScreen
from forum.course_of import course_forum_ids
from forum.models import WeekForum

from .forms import ForumModeForm
from .preferences import forum_modes, set_forum_mode


def organized_week_forums(user) -> list[tuple[Any, list[tuple[Any, str, str]]]]:
    """(course, [(forum, label, mode)]) for each course the user organizes."""
    courses = list(organized_courses(user).order_by("path"))
    listed = []
    for course in courses:
        rows = list(
            WeekForum.objects.filter(forum_id__in=course_forum_ids(course))
            .select_related("forum", "week")
            .order_by("week__path")
        )
        modes = forum_modes([row.forum for row in rows])
        listed.append((course, [(row.forum, row.forum.name, modes[row.forum.pk]) for row in rows]))
    return listed


class ForumModesView(AdminScreen, TemplateView):
    template_name = "notifications/admin/forum_modes.html"
    page_title = _("Forum subscriptions")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not organized_courses(request.user).exists():
            raise PermissionDenied
        self.courses = organized_week_forums(request.user)
        return super().dispatch(request, *args, **kwargs)

    def form(self, data=None) -> ForumModeForm:
        forums = [item for _course, items in self.courses for item in items]
        return ForumModeForm(data, forums=forums)

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        for forum, mode in form.chosen_modes():
            set_forum_mode(forum, mode)
        messages.success(request, _("The forums' subscription modes are saved."))
        return redirect("notifications_forum_modes")

    def get_context_data(self, **kwargs):
        form = kwargs.pop("form", None) or self.form()
        sections = [
            (course, [form[f"mode_{forum.pk}"] for forum, _label, _mode in items])
            for course, items in self.courses
        ]
        return {**super().get_context_data(**kwargs), "form": form, "sections": sections}


@hooks.register("register_admin_urls")
def forum_mode_urls():
    return [
        path(
            "notifications/forum-modes/",
            ForumModesView.as_view(),
            name="notifications_forum_modes",
        )
    ]


class ForumModesMenuItem(MenuItem):
    def is_shown(self, request):
        return organized_courses(request.user).exists()


@hooks.register("register_admin_menu_item")
def forum_modes_menu_item():
    return ForumModesMenuItem(
        _("Forum subscriptions"),
        reverse("notifications_forum_modes"),
        icon_name="mail",
        order=903,
    )
