"""Member-facing URLs of the cohort; Wagtail's page URLs come after these in cms/urls.py."""

from __future__ import annotations

from django.urls import path

from .views import participation
from .views.this_week import ThisWeekView

app_name = "courses"

urlpatterns: list = [
    path("this-week/", ThisWeekView.as_view(), name="this_week"),
    path("courses/<int:course_id>/apply/", participation.apply, name="apply"),
    path("courses/<int:course_id>/after/", participation.after_course, name="after_course"),
]
