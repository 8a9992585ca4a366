"""The buttons of a project's page (POST only): offering help, answering offers, posting
updates, closing, hiding. Each calls one action and goes back to the project's page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import actions, rights
from ..forms import HideForm, OfferForm, UpdateForm
from ..models import Offer, Project
from .pages import detail_context, need_labels, visible_project


def _refused(request: HttpRequest, project: Project, error: actions.ActionRefused) -> HttpResponse:
    messages.error(request, str(error.message))
    return redirect(project)


@login_required
@require_POST
def offer(request: HttpRequest, pk: int) -> HttpResponse:
    project = visible_project(request, pk)
    if not rights.may_offer(request.user, project):
        raise PermissionDenied
    needs = list(project.needs.all())
    form = OfferForm(request.POST, project=project, need_labels=need_labels(needs, request.user))
    if not form.is_valid():
        context = detail_context(request, project, offer_form=form)
        return render(request, "projects/detail.html", context, status=400)
    try:
        actions.offer(
            project,
            member=request.user,
            need=form.cleaned_data["need"],
            kind=form.cleaned_data["kind"],
            message=form.cleaned_data["message"],
            fee=form.cleaned_data["fee"],
        )
    except actions.ActionRefused as error:
        return _refused(request, project, error)
    messages.success(request, _("Your offer was sent to the project's owner."))
    return redirect(project)


def _own_offer(request: HttpRequest, pk: int) -> Offer:
    found = get_object_or_404(Offer.objects.select_related("project"), pk=pk)
    if not rights.may_see(request.user, found.project):
        raise Http404
    return found


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    found = _own_offer(request, pk)
    if found.member_id != request.user.pk:
        raise PermissionDenied
    try:
        actions.withdraw(found, by=request.user)
    except actions.ActionRefused as error:
        return _refused(request, found.project, error)
    messages.success(request, _("Your offer is withdrawn."))
    return redirect(found.project)


def _decision(decide: Callable[..., Any], done: Any):
    @login_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        found = _own_offer(request, pk)
        if not rights.may_manage(request.user, found.project):
            raise PermissionDenied
        try:
            decide(found, by=request.user)
        except actions.ActionRefused as error:
            return _refused(request, found.project, error)
        messages.success(request, done)
        return redirect(found.project)

    return view


accept = _decision(actions.accept, gettext_lazy("The offer is accepted; its author is told."))
decline = _decision(actions.decline, gettext_lazy("The offer is declined; its author is told."))


@login_required
@require_POST
def post_update(request: HttpRequest, pk: int) -> HttpResponse:
    project = visible_project(request, pk)
    if not rights.may_manage(request.user, project):
        raise PermissionDenied
    form = UpdateForm(request.POST)
    if not form.is_valid():
        context = detail_context(request, project, update_form=form)
        return render(request, "projects/detail.html", context, status=400)
    actions.post_update(
        project,
        by=request.user,
        text=form.cleaned_data["text"],
        visibility=form.cleaned_data["visibility"],
    )
    messages.success(request, _("Your update is posted."))
    return redirect(project)


def _owner_action(action: Callable[..., None], done: Any):
    @login_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        project = visible_project(request, pk)
        if not rights.may_manage(request.user, project):
            raise PermissionDenied
        try:
            action(project, by=request.user)
        except actions.ActionRefused as error:
            return _refused(request, project, error)
        messages.success(request, done)
        return redirect(project)

    return view


close = _owner_action(
    actions.close, gettext_lazy("The project is closed: it takes no more offers.")
)
reopen = _owner_action(actions.reopen, gettext_lazy("The project is open again."))


@login_required
@require_POST
def hide(request: HttpRequest, pk: int) -> HttpResponse:
    project = visible_project(request, pk)
    if not rights.may_moderate(request.user):
        raise PermissionDenied
    form = HideForm(request.POST)
    if not form.is_valid():
        context = detail_context(request, project, hide_form=form)
        return render(request, "projects/detail.html", context, status=400)
    actions.hide(project, by=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, _("The project is hidden."))
    return redirect(project)


@login_required
@require_POST
def unhide(request: HttpRequest, pk: int) -> HttpResponse:
    project = visible_project(request, pk)
    if not rights.may_moderate(request.user):
        raise PermissionDenied
    actions.unhide(project, by=request.user)
    messages.success(request, _("The project is visible again."))
    return redirect(project)
