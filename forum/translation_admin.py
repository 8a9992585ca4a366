"""Organizers' view of translations that failed after every retry, with a retry action."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from translations.models import PostTranslation
from translations.pipeline import retry_failed

REVIEW_PERMISSION = "translations.change_posttranslation"


class FailedTranslationsView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_required = REVIEW_PERMISSION
    template_name = "cohort_forum/admin/failed_translations.html"
    page_title = _("Failed translations")
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        failed = (
            PostTranslation.objects.filter(status=PostTranslation.Status.FAILED)
            .select_related("post__topic__forum", "post__poster")
            .order_by("-requested_at")
        )
        context["page_obj"] = Paginator(failed, 50).get_page(self.request.GET.get("p"))
        return context


class RetryTranslationsView(PermissionRequiredMixin, View):
    permission_required = REVIEW_PERMISSION

    def post(self, request):
        ids = [int(value) for value in request.POST.getlist("translation") if value.isdigit()]
        count = retry_failed(ids)
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
