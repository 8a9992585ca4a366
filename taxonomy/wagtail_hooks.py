"""Organizers keep the themes and regions as snippets in the admin."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Region, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug", "language_written"]
    search_fields = ["name", "slug"]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("language_written")]


class RegionViewSet(SnippetViewSet):
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
