"""The projects pages: the listing, a project's page, proposing and editing one.

Thin views: the rights are `projects.rights`, the writes `projects.actions`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.forms import formset_factory
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from translations.display import reader_languages
from translations.shown_texts import texts_of

from .. import actions, rights
from ..forms import (
    HideForm,
    NeedForm,
    OfferForm,
    ProjectFilters,
    ProjectForm,
    UpdateForm,
    term_labels,
)
from ..listing import PAGE_SIZE, listed_projects, with_needs
from ..models import Need, Offer, Project

NeedFormSet = formset_factory(NeedForm, extra=3, max_num=10)


def index(request: HttpRequest) -> HttpResponse:
    filters = ProjectFilters(request.GET or None, user=request.user)
    chosen: dict[str, Any] = filters.cleaned_data if filters.is_valid() else {}
    mine = request.GET.get("mine") == "1" and rights.is_member(request.user)
    projects = listed_projects(
        request.user,
        territory=chosen.get("territory"),
        theme=chosen.get("theme"),
        need=chosen.get("need") or "",
        status=chosen.get("status") or ("all" if mine else "open"),
        mine=mine,
    )
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    theme_names, region_names = term_labels(request.user)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "projects/index.html",
        {
            "filters": filters,
            "page_obj": page,
            "projects": list(page.object_list),
            "theme_names": theme_names,
            "region_names": region_names,
            "mine": mine,
            "query": query.urlencode(),
        },
    )


def visible_project(request: HttpRequest, pk: int) -> Project:
    """The project, or 404 to whoever may not see it (hidden: its owner and moderators)."""
    project = get_object_or_404(with_needs(Project.objects.all()), pk=pk)
    if not rights.may_see(request.user, project):
        raise Http404
    return project


def need_labels(needs: list[Need], user: Any) -> dict[int, str]:
    """Each need as a choice: its kind and its description in the reader's language."""
    language, reads = reader_languages(user, get_language())
    shown = texts_of(needs, language=language, reads=reads)
    return {
        need.pk: f"{need.get_kind_display()}: {texts.get('description', need.description).shown}"
        for need, texts in zip(needs, shown, strict=True)
    }


def detail_context(request: HttpRequest, project: Project, **forms: Any) -> dict[str, Any]:
    user = request.user
    needs = list(project.needs.all())
    may_offer = rights.may_offer(user, project)
    manage = rights.may_manage(user, project)
    moderate = rights.may_moderate(user)
    offers: list[Offer] = []
    if rights.sees_offers(user, project):
        offers = list(project.offers.select_related("member__puentes_profile", "need"))
    elif rights.is_member(user):
        offers = list(project.offers.filter(member=user.pk).select_related("need"))
    open_needs = [need for need in needs if need.places_left != 0]
    if may_offer and "offer_form" not in forms:
        forms["offer_form"] = OfferForm(project=project, need_labels=need_labels(open_needs, user))
    if may_offer:
        forms["offer_form"].fields["need"].queryset = Need.objects.filter(
            pk__in=[need.pk for need in open_needs]
        )
    if manage and "update_form" not in forms:
        forms["update_form"] = UpdateForm()
    if moderate and "hide_form" not in forms:
        forms["hide_form"] = HideForm()
    theme_names, region_names = term_labels(user)
    return {
        "project": project,
        "needs": needs,
        "updates": list(rights.visible_updates(user, project)),
        "offers": offers,
        "sees_offers": rights.sees_offers(user, project),
        "may_offer": may_offer,
        "may_manage": manage,
        "may_moderate": moderate,
        "is_volunteer": rights.is_volunteer(user, project),
        "theme_names": theme_names,
        "region_names": region_names,
        **forms,
    }


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = visible_project(request, pk)
    return render(request, "projects/detail.html", detail_context(request, project))


@login_required
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    form = ProjectForm(request.POST or None, user=request.user)
    needs = NeedFormSet(request.POST or None, prefix="needs")
    if request.method == "POST" and form.is_valid() and needs.is_valid():
        with transaction.atomic():
            project = actions.propose(
                owner=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                territory=form.cleaned_data["territory"],
                themes=form.cleaned_data["themes"],
                crowdfunding_url=form.cleaned_data["crowdfunding_url"],
            )
            for need in needs.cleaned_data:
                if need and need.get("kind") and need.get("description"):
                    actions.add_need(project, by=request.user, **need)
        messages.success(request, _("Your project is published."))
        return redirect(project)
    return render(request, "projects/form.html", {"form": form, "needs": needs, "project": None})


def change_places(request: HttpRequest, project: Project) -> str:
    """The places of each volunteer need, as the edit form gives them; why not, if refused."""
    for need in project.needs.filter(kind=Need.Kind.VOLUNTEERS):
        value = request.POST.get(f"places-{need.pk}", "")
        if not value.isascii() or not value.isdigit() or int(value) == need.places:
            continue
        try:
            actions.set_places(need, by=request.user, places=int(value))
        except actions.ActionRefused as error:
            return str(error.message)
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = visible_project(request, pk)
    if not rights.may_manage(request.user, project):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    needs = NeedFormSet(request.POST or None, prefix="needs")
    if request.method == "POST" and form.is_valid() and needs.is_valid():
        values = {name: form.cleaned_data[name] for name in actions.EDITABLE}
        with transaction.atomic():
            actions.edit(project, by=request.user, themes=form.cleaned_data["themes"], **values)
            for need in needs.cleaned_data:
                if need and need.get("kind") and need.get("description"):
                    actions.add_need(project, by=request.user, **need)
            for removed in project.needs.filter(pk__in=request.POST.getlist("remove_need")):
                actions.remove_need(removed, by=request.user)
            refused = change_places(request, project)
            if refused:
                transaction.set_rollback(True)
        if not refused:
            messages.success(request, _("The project is saved."))
            return redirect(project)
        messages.error(request, refused)
    return render(
        request,
        "projects/form.html",
        {"form": form, "needs": needs, "project": project, "current_needs": project.needs.all()},
    )
