"""The one-click unsubscribe link of every email (included from cms/urls.py)."""

from __future__ import annotations

from django.urls import path

from .delivery_views import unsubscribe_view

app_name = "notifications_delivery"

urlpatterns = [
    path("unsubscribe/<str:token>/", unsubscribe_view, name="unsubscribe"),
]
