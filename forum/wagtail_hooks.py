from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .translation_admin import REVIEW_PERMISSION, FailedTranslationsView, RetryTranslationsView


@hooks.register("register_admin_urls")
def translation_admin_urls():
    return [
        path("translations/failed/", FailedTranslationsView.as_view(), name="failed_translations"),
        path("translations/retry/", RetryTranslationsView.as_view(), name="retry_translations"),
    ]


class PermittedMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REVIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def failed_translations_menu_item():
    return PermittedMenuItem(
        _("Failed translations"), reverse("failed_translations"), icon_name="warning", order=900
    )
