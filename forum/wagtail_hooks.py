from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .dashboard import CourseDashboardView, add_course_dashboard_panel
from .glossary_admin import GlossaryViewSet
from .participation_admin import (
    VIEW_PERMISSION,
    CommunityViewSet,
    ParticipationIndexView,
    ParticipationView,
)
from .translation_admin import REVIEW_PERMISSION, FailedTranslationsView, RetryTranslationsView
from .translator_rights import translates_some_course


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


class TranslationReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return translates_some_course(request.user)


@hooks.register("register_admin_menu_item")
def translation_review_menu_item():
    """The review queue lives in the forum, where translators (who have no admin) work too."""
    return TranslationReviewMenuItem(
        _("Translations to review"),
        reverse("translation_review_queue"),
        icon_name="doc-full",
        order=901,
    )


@hooks.register("register_admin_viewset")
def glossary_viewset():
    return GlossaryViewSet("glossary")


@hooks.register("register_admin_urls")
def participation_admin_urls():
    return [
        path("participation/", ParticipationIndexView.as_view(), name="participation_index"),
        path(
            "participation/<int:course_id>/",
            ParticipationView.as_view(),
            name="course_participation",
        ),
    ]


class ParticipationMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def participation_menu_item():
    return ParticipationMenuItem(
        _("Participation"), reverse("participation_index"), icon_name="table", order=245
    )


@hooks.register("register_admin_viewset")
def register_community_viewset():
    return CommunityViewSet("communities")


@hooks.register("register_admin_urls")
def course_dashboard_urls():
    return [path("dashboard/", CourseDashboardView.as_view(), name="course_dashboard")]


class CourseDashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def course_dashboard_menu_item():
    return CourseDashboardMenuItem(
        _("Course dashboard"), reverse("course_dashboard"), icon_name="site", order=235
    )


hooks.register("construct_homepage_panels", add_course_dashboard_panel)
