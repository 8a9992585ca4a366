"""Organizers' view of translations that failed after every retry, with a retry action.

Each organizer sees, and may retry, the rows of the courses they organize, and of those only
the posts the topic page shows them (not a community they are not in); superusers all. The
texts of pages and forums (`translations.texts`) are listed below the posts, those of the
pages and forums of the courses they organize (their pages' drafts included, as in the
page admin), and retried the same way.
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

from courses.enrollment import organized_courses
from courses.viewsets import AdminScreen
from translations.models import PostTranslation, TextTranslation
from translations.pipeline import retry_failed
from translations.texts import retry_failed_texts

from .course_of import course_forum_ids
from .permission_handler import PermissionHandler
from .readable_texts import course_pages, sources_of
from .text_review import queue_items

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


def failed_texts(request: OrganizerRequest) -> QuerySet[TextTranslation]:
    """The failed rows of page and forum texts this user may see and retry."""
    failed = TextTranslation.objects.filter(status=TextTranslation.Status.FAILED)
    user = request.user
    if user.is_superuser:
        return failed
    courses = list(organized_courses(user))
    page_ids = course_pages(courses).values_list("pk", flat=True)
    forum_ids = [forum_id for course in courses for forum_id in course_forum_ids(course)]
    return failed.filter(source__in=sources_of(page_ids, forum_ids))


def ascii_ids(values: list[str]) -> list[int]:
    # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
    return [int(value) for value in values if value.isascii() and value.isdigit()]


class FailedTranslationsView(PermissionRequiredMixin, AdminScreen, TemplateView):
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
        texts = failed_texts(self.request).select_related("source").order_by("-requested_at", "-pk")
        text_page = Paginator(texts, 50).get_page(self.request.GET.get("t"))
        context["text_page"] = text_page
        context["text_items"] = queue_items(text_page.object_list)
        return context


class RetryTranslationsView(PermissionRequiredMixin, View):
    permission_required = REVIEW_PERMISSION

    def post(self, request: OrganizerRequest):
        ids = ascii_ids(request.POST.getlist("translation"))
        count = retry_failed(
            failed_translations(request).filter(pk__in=ids).values_list("pk", flat=True)
        )
        text_ids = ascii_ids(request.POST.getlist("text_translation"))
        count += retry_failed_texts(
            failed_texts(request).filter(pk__in=text_ids).values_list("pk", flat=True)
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
