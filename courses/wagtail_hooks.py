"""Admin rules for the course pages (their bulk actions, chooser and viewset too), the
word-count warning and the enrollments screen."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_list_or_404
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import SubmitForModerationMenuItem
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.pages.bulk_actions import (
    DeleteBulkAction,
    MoveBulkAction,
    PublishBulkAction,
    UnpublishBulkAction,
)
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .application_admin import REVIEW_PERMISSION, ApplicationsView, DecideApplicationView
from .editorial import review_label
from .enrollment_admin import EnrollmentViewSet
from .history import narrow_model_log_entries
from .models import CASE_STUDY_WORD_LIMIT, CaseStudyPage
from .page_admin import CoursePageViewSet, only_choosable_pages
from .permissions import may_create_page, organizes_course_of
from .viewsets import WagtailViewMixin


@hooks.register("before_create_page")
def only_allowed_page_types(request, parent_page, page_class):
    if not may_create_page(request.user, parent_page, page_class):
        return permission_denied(request)
    return None


@hooks.register("before_copy_page")
def only_organizers_copy_pages(request, page):
    # A copy is a new page of the source's type: key respondents could copy a week.
    if not organizes_course_of(request.user, page):
        return permission_denied(request)
    return None


@hooks.register("before_move_page")
def only_allowed_destinations(request, page, destination):
    if not may_create_page(request.user, destination, page.specific_class):
        return permission_denied(request)
    return None


def warn_about_long_case_study(request, page):
    page = page.specific if not isinstance(page, CaseStudyPage) else page
    if isinstance(page, CaseStudyPage) and page.is_too_long:
        messages.warning(
            request,
            _(
                "“%(title)s” has %(count)d words: a case study is one to one and a half "
                "pages, about %(limit)d words at most. It is saved; please consider shortening it."
            )
            % {"title": page.title, "count": page.word_count, "limit": CASE_STUDY_WORD_LIMIT},
        )


hooks.register("after_create_page", warn_about_long_case_study)
hooks.register("after_edit_page", warn_about_long_case_study)


class ExplorablePagesOnly(WagtailViewMixin):
    """Mixed into Wagtail's page bulk actions, which list every page whose id is asked for
    (those the user may not act on as "no permission", titles shown): only the pages the user
    may see in the explorer, as Wagtail's own listings and search do. Another course's draft
    is not found."""

    def get_queryset(self, model, object_ids):
        return get_list_or_404(explorable_pages(self.request.user), pk__in=object_ids)


def explorable_pages(user):
    return policy_registry.get_by_type(Page).explorable_instances(user)


class DeletePagesBulkAction(ExplorablePagesOnly, DeleteBulkAction):
    pass


class MovePagesBulkAction(ExplorablePagesOnly, MoveBulkAction):
    """The destination too is one the user may see: the page chooser would show the title of
    whatever page id it is sent, on the form sent back with its error."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        data = kwargs.get("data")
        if data is not None and not self.is_explorable(data.get("chooser")):
            kwargs["data"] = data.copy()
            kwargs["data"].pop("chooser", None)
        return kwargs

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["chooser"].queryset = explorable_pages(self.request.user)
        return form

    def is_explorable(self, page_id: str | None) -> bool:
        if not page_id or not page_id.isdecimal():
            return False
        return explorable_pages(self.request.user).filter(pk=int(page_id)).exists()


class PublishPagesBulkAction(ExplorablePagesOnly, PublishBulkAction):
    pass


class UnpublishPagesBulkAction(ExplorablePagesOnly, UnpublishBulkAction):
    pass


# After Wagtail's own (order 0), which share their action names: these replace them.
for bulk_action in (
    DeletePagesBulkAction,
    MovePagesBulkAction,
    PublishPagesBulkAction,
    UnpublishPagesBulkAction,
):
    hooks.register("register_bulk_action", bulk_action, order=1)

# Site history: organizers see the entries of their own courses' rows only.
hooks.register("register_log_actions", narrow_model_log_entries)


@hooks.register("register_admin_viewset")
def register_enrollment_viewset():
    return EnrollmentViewSet("enrollments")


# The page chooser offers only live pages and those the user may explore; the move
# confirmation and the explorer's people filters are narrowed by a page viewset registered
# after Wagtail's own (order -1), which it replaces (see courses.page_admin).
hooks.register("construct_page_chooser_queryset", only_choosable_pages)


@hooks.register("register_admin_viewset")
def register_page_viewset():
    return CoursePageViewSet()


@hooks.register("register_admin_urls")
def application_admin_urls():
    return [
        path("applications/", ApplicationsView.as_view(), name="course_applications"),
        path(
            "applications/<int:pk>/decide/",
            DecideApplicationView.as_view(),
            name="decide_application",
        ),
    ]


class ApplicationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REVIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def applications_menu_item():
    return ApplicationsMenuItem(
        _("Applications"), reverse("course_applications"), icon_name="form", order=240
    )


@hooks.register("insert_global_admin_css")
def admin_css():
    """The styles of our own admin screens (their wide tables scroll on a phone)."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


class SubmitToReviewMenuItem(SubmitForModerationMenuItem):
    """ "Submit to …" with a course review's name in the reader's language."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        workflow_page = page if page and page.pk else context["parent_page"]
        workflow = workflow_page.get_workflow()
        state = page.current_workflow_state if page else None
        if workflow and not (state and state.status == state.STATUS_NEEDS_CHANGES):
            context["label"] = _("Submit to %(workflow_name)s") % {
                "workflow_name": review_label(workflow.name)
            }
        return context


@hooks.register("construct_page_action_menu")
def readable_review_names(menu_items, request, context):
    for index, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            menu_items[index] = SubmitToReviewMenuItem(order=item.order)
