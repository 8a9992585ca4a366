"""Member-facing URLs of the cohort; Wagtail's page URLs come after these in cms/urls.py."""

from __future__ import annotations

app_name = "courses"

urlpatterns: list = []
