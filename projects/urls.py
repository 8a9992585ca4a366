"""The projects pages."""

from __future__ import annotations

from django.urls import path

from .views import actions, pages

app_name = "projects"

urlpatterns = [
    path("", pages.index, name="index"),
    path("new/", pages.new, name="new"),
    path("<int:pk>/", pages.detail, name="detail"),
    path("<int:pk>/edit/", pages.edit, name="edit"),
    path("<int:pk>/offer/", actions.offer, name="offer"),
    path("<int:pk>/updates/", actions.post_update, name="post_update"),
    path("<int:pk>/close/", actions.close, name="close"),
    path("<int:pk>/reopen/", actions.reopen, name="reopen"),
    path("<int:pk>/hide/", actions.hide, name="hide"),
    path("<int:pk>/unhide/", actions.unhide, name="unhide"),
    path("offers/<int:pk>/accept/", actions.accept, name="accept"),
    path("offers/<int:pk>/decline/", actions.decline, name="decline"),
    path("offers/<int:pk>/withdraw/", actions.withdraw, name="withdraw"),
]
