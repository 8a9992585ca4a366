"""Organizers keep the themes and regions as snippets in the admin.

Every organizer may add a term; changing or deleting one is checked term by term against the
permission policy registered for the model (`taxonomy.permissions`): the listing links, the
edit and delete views and the bulk delete all ask it, and a refusal says why.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from .models import Region, Theme
from .permissions import TermPermissionPolicy


def refusal_for(view, term) -> str | None:
    policy = view.permission_policy
    if isinstance(policy, TermPermissionPolicy):
        return policy.refusal(view.request.user, term)
    return None


class TermIndexView(IndexView):
    """Edit and delete links only on the terms the user may change or delete."""

    @cached_property
    def refused(self) -> dict[int, str]:
        policy = self.permission_policy
        user = self.request.user
        if not isinstance(policy, TermPermissionPolicy) or (user.is_active and user.is_superuser):
            return {}
        return policy.refusals(user, list(self.object_list))

    def get_edit_url(self, instance):
        return None if instance.pk in self.refused else super().get_edit_url(instance)

    def get_delete_url(self, instance):
        return None if instance.pk in self.refused else super().get_delete_url(instance)


def refused_response(view, request) -> HttpResponse | None:
    """Before anything is shown or saved: a term the user may not touch sends them back to
    the list with the reason, and nothing changes."""
    if not view.user_has_permission(view.permission_required):
        return None  # Wagtail's own check refuses it
    term = getattr(view, "object", None) or view.get_object()
    if reason := refusal_for(view, term):
        messages.error(request, reason)
        return redirect(reverse(view.index_url_name))
    return None


class TermEditView(EditView):
    def dispatch(self, request, *args, **kwargs):
        return refused_response(self, request) or super().dispatch(request, *args, **kwargs)


class TermDeleteView(DeleteView):
    def dispatch(self, request, *args, **kwargs):
        return refused_response(self, request) or super().dispatch(request, *args, **kwargs)


class TermViewSet(SnippetViewSet):
    index_view_class = TermIndexView
    edit_view_class = TermEditView
    delete_view_class = TermDeleteView


class ThemeViewSet(TermViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug", "language_written"]
    search_fields = ["name", "slug"]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("language_written")]


class RegionViewSet(TermViewSet):
    model = Region
    icon = "site"
    list_display = ["name", "parent", "slug"]
    search_fields = ["name", "slug"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("parent"),
        FieldPanel("language_written"),
    ]


class VocabularyViewSetGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, RegionViewSet)
    menu_icon = "tag"
    menu_label = _("Themes and regions")
    menu_name = "vocabulary"
    menu_order = 270


register_snippet(VocabularyViewSetGroup)
