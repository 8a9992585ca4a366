"""The communities pages (`communities.views`)."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "communities"

urlpatterns = [
    path("", views.index, name="index"),
    path("propose/", views.propose, name="propose"),
    path("proposals/", views.proposals, name="proposals"),
    path("proposals/<int:pk>/decide/", views.decide_proposal, name="decide_proposal"),
    path("invitations/", views.invitations, name="invitations"),
    path("invitations/<int:pk>/answer/", views.answer_invitation, name="answer_invitation"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/leave/", views.leave, name="leave"),
    path("<slug:slug>/request/", views.request_to_join, name="request"),
    path("<slug:slug>/manage/", views.manage, name="manage"),
    path("<slug:slug>/manage/requests/<int:pk>/", views.decide_request, name="decide_request"),
    path("<slug:slug>/manage/invite/", views.invite, name="invite"),
    path("<slug:slug>/manage/hosts/<int:user_id>/", views.set_host, name="set_host"),
    path("<slug:slug>/manage/remove/<int:user_id>/", views.remove_member, name="remove_member"),
    path("<slug:slug>/manage/share/", views.share, name="share"),
]
