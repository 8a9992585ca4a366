"""The notification centre and a member's notification preferences."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.centre, name="centre"),
    path("<int:pk>/open/", views.open_notice, name="open"),
    path("read/", views.mark_all_read, name="mark_all_read"),
    path("preferences/", views.preferences_view, name="preferences"),
    path("forums/<int:forum_id>/follow/", views.follow_forum, name="follow_forum"),
    path("topics/<int:topic_id>/unfollow/", views.unfollow_topic, name="unfollow_topic"),
]
