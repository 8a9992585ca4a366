"""Organizers' view of translations that failed after every retry, with a retry action.

Each organizer sees, and may retry, the rows of the courses they organize, and of those only
the posts the topic page shows them (not a community they are not in); superusers all.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView
from machina.core.db.models import get_model
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from courses.enrollment import organized_courses
from translations.models import PostTranslation
from translations.pipeline import retry_failed

from .course_of import course_forum_ids
from .permission_handler import PermissionHandler

Post: Any = get_model("forum_conversation", "Post")

REVIEW_PERMISSION = "translations.change_posttranslation"


class OrganizerRequest(HttpRequest):
    """A request that went through the forum's permission middleware."""

    forum_permission_handler: PermissionHandler


def failed_translations(request: OrganizerRequest) -> QuerySet[PostTranslation]:
    """The failed rows this user may see and retry."""
    failed = PostTranslation.objects.filter(status=PostTranslation.Status.FAILED)
    user = request.user
    if user.is_superuser:
        return failed
    forum_ids = [
        forum_id for course in organized_courses(user) for forum_id in course_forum_ids(course)
    ]
    posts = request.forum_permission_handler.readable_posts(
        Post.objects.filter(topic__forum_id__in=forum_ids), user
    )
    return failed.filter(post__in=posts)


class FailedTranslationsView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    request: OrganizerRequest
    permission_required = REVIEW_PERMISSION
    template_name = "cohort_forum/admin/failed_translations.html"
    page_title = _("Failed translations")
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        failed = (
            failed_translations(self.request)
            .select_related("post__topic__forum", "post__poster")
            .order_by("-requested_at")
        )
        context["page_obj"] = Paginator(failed, 50).get_page(self.request.GET.get("p"))
        return context


class RetryTranslationsView(PermissionRequiredMixin, View):
    permission_required = REVIEW_PERMISSION

    def post(self, request: OrganizerRequest):
        # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
        ids = [
            int(value)
            for value in request.POST.getlist("translation")
            if value.isascii() and value.isdigit()
        ]
        count = retry_failed(
            failed_translations(request).filter(pk__in=ids).values_list("pk", flat=True)
        )
        messages.success(
            request,
            ngettext(
                "%(count)d translation queued again.",
                "%(count)d translations queued again.",
                count,
            )
            % {"count": count},
        )
        return redirect("failed_translations")
