"""A member's own settings pages."""

from __future__ import annotations

from django.urls import path

from .views.translation_preferences import translation_preferences

app_name = "members"

urlpatterns: list = [
    path("account/translation/", translation_preferences, name="translation_preferences"),
]
