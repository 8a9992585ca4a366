"""Wagtail's page admin outside the explorer's listing, narrowed to one's courses: the page
chooser, the confirmation of a move, and the explorer's "Owner" and "Edited by" filters.

Out of the box each of them shows any admin user what belongs to other courses:

- the page chooser lists every page, drafts and case studies in review included. Its
  ``construct_page_chooser_queryset`` hook (``only_choosable_pages``, registered in
  ``courses.wagtail_hooks``) narrows the pages listed and searched; the parent whose children
  are browsed (its title heads the list) and the "chosen" answer (each page's title) never
  go through the hook, so those two views are replaced here, at Wagtail's own paths:
  Wagtail's admin URLs come before any ``register_admin_urls`` hook's, so ``cms.urls``
  includes :func:`chooser_urls` ahead of them, with the admin's access check;
- the move confirmation checks no permission before it shows both pages' titles (only the
  move itself, on POST, does; ``before_move_page`` hooks run after a slug check that names
  the page): :class:`MoveConfirmView` refuses first;
- the explorer's people filters list the owners and editors of every page of the site:
  :class:`CoursePageFilterSet` keeps those of the user's courses.

The last two come with :class:`CoursePageViewSet`, registered for every page type after
Wagtail's own (``courses.wagtail_hooks``), which it replaces.
"""

from __future__ import annotations

from typing import TypeVar

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import chooser
from wagtail.admin.views.pages.listing import GenericPageFilterSet
from wagtail.admin.views.pages.move import MoveConfirmView as WagtailMoveConfirmView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.utils.urlpatterns import decorate_urlpatterns

from .enrollment import people_of_organized_courses

P = TypeVar("P", bound=Page)


# ---------------------------------------------------------------------------
# The page chooser
# ---------------------------------------------------------------------------
def choosable(pages: QuerySet[P], user: User | AnonymousUser) -> QuerySet[P]:
    """Those of ``pages`` a chooser offers the user: live ones (public anyway) and those they
    may explore (their own courses' drafts); all of them for superusers."""
    if user.is_superuser:
        return pages
    explorable = policy_registry.get_by_type(Page).explorable_instances(user)
    return pages.filter(Q(live=True) | Q(pk__in=explorable.values("pk")))


def only_choosable_pages(pages, request):
    """Wagtail's ``construct_page_chooser_queryset`` hook: the pages browsed and searched."""
    return choosable(pages, request.user)


class BrowseView(chooser.BrowseView):
    """The parent browsed, whose title heads the list, is one the user may choose too."""

    def filter_object_list(self, pages):
        # Called once the parent is found (by id, or as the common ancestor of a page type).
        parent = Page.objects.filter(pk=self.parent_page.pk)
        if not choosable(parent, self.request.user).exists():
            raise Http404
        return super().filter_object_list(pages)


class ChosenMultipleView(chooser.ChosenMultipleView):
    """The answer names each chosen page by title: only the pages the user may choose."""

    def get(self, request):
        ids = [pk for pk in request.GET.getlist("id") if pk.isdecimal()]
        kept = choosable(Page.objects.filter(pk__in=ids), request.user).values_list("pk", flat=True)
        # Wagtail's view reads the ids from the query string: it is given the kept ones.
        request.GET = request.GET.copy()
        request.GET.setlist("id", [str(pk) for pk in kept])
        return super().get(request)


def chooser_urls() -> list:
    """At Wagtail's paths under the admin's root, for ``cms.urls`` to put ahead of them."""
    return decorate_urlpatterns(
        decorate_urlpatterns(
            [
                path("choose-page/", BrowseView.as_view()),
                path("choose-page/<int:parent_page_id>/", BrowseView.as_view()),
                path("choose-page/chosen-multiple/", ChosenMultipleView.as_view()),
            ],
            require_admin_access,
        ),
        never_cache,
    )


# ---------------------------------------------------------------------------
# The page viewset: moving a page, the explorer's filters
# ---------------------------------------------------------------------------
class MoveConfirmView(WagtailMoveConfirmView):
    """Refused, before anything names either page, unless the user may move the page there
    (Wagtail's rules: may move the page at all, may add, and publish if it is live, under the
    destination)."""

    def dispatch(self, request, page_to_move_id, destination_id, *args, **kwargs):
        page = get_object_or_404(Page, id=page_to_move_id).specific
        destination = get_object_or_404(Page, id=destination_id)
        if not page.permissions_for_user(request.user).can_move_to(destination):
            raise PermissionDenied
        return super().dispatch(request, page_to_move_id, destination_id, *args, **kwargs)


def people_in_page_filters(user: User | AnonymousUser) -> QuerySet[User]:
    """Whom the page filters may name: the people of the courses the user organizes, and the
    user; everyone for superusers."""
    return User.objects.filter(
        Q(pk__in=people_of_organized_courses(user).values("pk")) | Q(pk=user.pk)
    )


class CoursePageFilterSet(GenericPageFilterSet):
    """Wagtail's explorer filters, with "Owner" and "Edited by" naming only
    :func:`people_in_page_filters` among Wagtail's owners and editors of pages. A narrowed
    choice also refuses a forged id."""

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        for name in ("owner", "edited_by"):
            people = self.filters[name].queryset  # Wagtail's: a function of the request
            self.filters[name].queryset = lambda request, people=people: people(request).filter(
                pk__in=people_in_page_filters(request.user).values("pk")
            )


class CoursePageViewSet(PageViewSet):
    filterset_class = CoursePageFilterSet
    move_confirm_view_class = MoveConfirmView
