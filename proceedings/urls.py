"""The proceedings' member-facing URLs (under /proceedings/, see cms/urls.py)."""

from __future__ import annotations

from django.urls import path

from .views import consent, exports, harvest

app_name = "proceedings"

urlpatterns: list = [
    path("<int:course_id>/harvest/", harvest.harvest_view, name="harvest"),
    path("posts/<int:post_id>/harvest/", harvest.harvest_post, name="harvest_post"),
    path("passages/<int:passage_id>/edit/", harvest.passage_edit, name="passage_edit"),
    path("passages/<int:passage_id>/remove/", harvest.passage_remove, name="passage_remove"),
    path("passages/<int:passage_id>/include/", harvest.passage_include, name="passage_include"),
    path("<int:course_id>/consent/", consent.consent_view, name="consent"),
    # Exports (the course's organizers only): proceedings PDF, course archive.
    path("exports/", exports.index, name="exports_index"),
    path("<int:course_id>/exports/", exports.exports_page, name="exports"),
    path("exports/<int:export_id>/status/", exports.status, name="export_status"),
    path("exports/<int:export_id>/download/", exports.download, name="export_download"),
    path("exports/<int:export_id>/retry/", exports.retry, name="export_retry"),
]
