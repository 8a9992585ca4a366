"""The directory pages: /members/, /members/me/ (one's own profile form), /members/<login>/."""

from __future__ import annotations

from django.urls import path

from .views import directory_index, edit_profile, profile_page

app_name = "directory"

urlpatterns: list = [
    path("", directory_index, name="index"),
    path("me/", edit_profile, name="edit"),
    path("<str:username>/", profile_page, name="profile"),
]
