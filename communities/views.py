"""The communities' pages: thin views that read `listings`, check `rights` and call
`actions`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forum.models import CommunityOfPractice
from translations.display import reader_languages

from . import actions, listings, rights
from .forms import FilterForm, InviteForm, JoinRequestForm, ProposalForm, ShareForm
from .models import Decision, Invitation, JoinRequest

Status = CommunityOfPractice.Status


def _community(request: HttpRequest, slug: str) -> CommunityOfPractice:
    """The community, or 404 for whoever may not see its page."""
    community = get_object_or_404(rights.standalone(), slug=slug)
    if not rights.may_see(request.user, community):
        raise Http404
    return community


def _language(request: HttpRequest) -> str:
    """The reader's language: a member's preferred one, else the interface's."""
    return reader_languages(request.user, get_language() or "en")[0]


def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    filters = FilterForm(request.GET or None, user=user)
    shown = rights.visible_communities(user).filter(status=Status.APPROVED)
    if filters.is_valid():
        if filters.cleaned_data["theme"]:
            shown = shown.filter(themes=filters.cleaned_data["theme"])
        if filters.cleaned_data["region"]:
            shown = shown.filter(region=filters.cleaned_data["region"])
    communities = list(listings.with_counts(shown).order_by("name"))
    listings.name_terms(communities, _language(request))
    mine: set[int] = set()
    if isinstance(user, User) and rights.is_signed_in(user):
        mine = set(user.communities_of_practice.values_list("pk", flat=True))
    return render(
        request,
        "communities/index.html",
        {
            "communities": communities,
            "your_communities": [c for c in communities if c.pk in mine],
            "member_of": mine,
            "filters": filters,
            "may_moderate": rights.may_moderate(user),
        },
    )


@login_required
def propose(request: HttpRequest) -> HttpResponse:
    form = ProposalForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        community = actions.propose_community(
            proposer=request.user,  # type: ignore[arg-type]
            name=data["name"],
            purpose=data["purpose"],
            access=data["access"],
            themes=data["themes"],
            region=data["region"],
        )
        messages.success(request, _("Thank you: the site's moderators will review your proposal."))
        return redirect("communities:detail", slug=community.slug)
    return render(request, "communities/propose.html", {"form": form})


@login_required
def proposals(request: HttpRequest) -> HttpResponse:
    if not rights.may_moderate(request.user):
        raise PermissionDenied
    pending = list(
        listings.with_counts(rights.standalone().filter(status=Status.PROPOSED))
        .select_related("proposed_by")
        .order_by("created")
    )
    listings.name_terms(pending, _language(request))
    return render(
        request,
        "communities/proposals.html",
        {"proposals": pending},
    )


@require_POST
@login_required
def decide_proposal(request: HttpRequest, pk: int) -> HttpResponse:
    community = get_object_or_404(rights.standalone(), pk=pk)
    try:
        actions.decide_proposal(
            community=community,
            moderator=request.user,  # type: ignore[arg-type]
            approve=request.POST.get("decision") == "approve",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("communities:proposals")


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(request, slug)
    user = request.user
    language = _language(request)
    listings.name_terms([community], language)
    member = rights.is_member(user, community)
    pending_request = (
        isinstance(user, User)
        and rights.is_signed_in(user)
        and JoinRequest.objects.filter(
            community=community, member=user, status=Decision.PENDING
        ).exists()
    )
    invitation = (
        Invitation.objects.filter(
            community=community, invited=user.pk, status=Decision.PENDING
        ).first()
        if rights.is_signed_in(user)
        else None
    )
    return render(
        request,
        "communities/detail.html",
        {
            "community": community,
            "member_count": community.members.count(),
            "hosts": list(community.hosts.order_by("first_name", "username")),
            "is_member": member,
            "may_host": rights.may_host(user, community),
            "pending_request": pending_request,
            "invitation": invitation,
            "join_form": JoinRequestForm(),
            "latest_topics": listings.latest_topics(community, user, language),
            "shared_topics": listings.shared_topics(community, user, language),
            "bridged": listings.bridged_communities(community),
            "forum_url": _forum_url(community)
            if community.forum_id in listings.readable_forum_ids(user)
            else "",
        },
    )


def _forum_url(community: CommunityOfPractice) -> str:
    if community.forum is None:
        return ""
    return reverse("forum:forum", kwargs={"slug": community.forum.slug, "pk": community.forum_id})


@require_POST
@login_required
def join(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(request, slug)
    actions.join_community(community=community, user=request.user)  # type: ignore[arg-type]
    messages.success(request, _("Welcome: you are a member of this community."))
    return redirect("communities:detail", slug=slug)


@require_POST
@login_required
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(request, slug)
    actions.leave_community(community=community, user=request.user)  # type: ignore[arg-type]
    messages.success(request, _("You left this community."))
    return redirect("communities:detail", slug=slug)


@require_POST
@login_required
def request_to_join(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(request, slug)
    form = JoinRequestForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        actions.request_to_join(
            community=community,
            user=request.user,  # type: ignore[arg-type]
            message=message,
        )
        messages.success(request, _("Your request was sent to the community's hosts."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("communities:detail", slug=slug)


def _hosted(request: HttpRequest, slug: str) -> CommunityOfPractice:
    community = _community(request, slug)
    if not rights.may_host(request.user, community):
        raise PermissionDenied
    return community


@login_required
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    community = _hosted(request, slug)
    return _manage_page(request, community, InviteForm(), _share_form(community))


def _share_form(community: CommunityOfPractice, data=None) -> ShareForm:
    return ShareForm(data, community=community, targets=actions.shareable_targets(community))


def _manage_page(
    request: HttpRequest, community: CommunityOfPractice, invite_form, share_form
) -> HttpResponse:
    return render(
        request,
        "communities/manage.html",
        {
            "community": community,
            "requests": community.join_requests.filter(status=Decision.PENDING).select_related(
                "member"
            ),
            "invitations": community.invitations.filter(status=Decision.PENDING).select_related(
                "invited"
            ),
            "members": list(community.members.order_by("first_name", "username")),
            "host_ids": set(community.hosts.values_list("pk", flat=True)),
            "invite_form": invite_form,
            "share_form": share_form,
        },
    )


@require_POST
@login_required
def decide_request(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = _hosted(request, slug)
    join_request = get_object_or_404(JoinRequest, pk=pk, community=community)
    try:
        actions.decide_join_request(
            join_request=join_request,
            host=request.user,  # type: ignore[arg-type]
            accept=request.POST.get("decision") == "accept",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("communities:manage", slug=slug)


@require_POST
@login_required
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    community = _hosted(request, slug)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            actions.invite(
                community=community,
                host=request.user,  # type: ignore[arg-type]
                invited=form.cleaned_data["username"],
            )
            messages.success(request, _("Invitation sent."))
            return redirect("communities:manage", slug=slug)
        except ValidationError as error:
            form.add_error("username", error)
    return _manage_page(request, community, form, _share_form(community))


@require_POST
@login_required
def set_host(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    community = _hosted(request, slug)
    person = get_object_or_404(community.members, pk=user_id)
    try:
        actions.set_host(
            community=community,
            by=request.user,  # type: ignore[arg-type]
            user=person,
            host=request.POST.get("host") == "1",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("communities:manage", slug=slug)


@require_POST
@login_required
def remove_member(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    community = _hosted(request, slug)
    person = get_object_or_404(community.members, pk=user_id)
    actions.remove_member(community=community, by=request.user, user=person)  # type: ignore[arg-type]
    return redirect("communities:manage", slug=slug)


@require_POST
@login_required
def share(request: HttpRequest, slug: str) -> HttpResponse:
    community = _hosted(request, slug)
    form = _share_form(community, request.POST)
    if form.is_valid():
        try:
            actions.share_topic(
                topic=form.cleaned_data["topic"],
                from_community=community,
                to_community=form.cleaned_data["to_community"],
                by=request.user,  # type: ignore[arg-type]
            )
            messages.success(request, _("The topic is shared."))
            return redirect("communities:manage", slug=slug)
        except ValidationError as error:
            form.add_error(None, error)
    return _manage_page(request, community, InviteForm(), form)


@login_required
def invitations(request: HttpRequest) -> HttpResponse:
    pending: Any = Invitation.objects.filter(
        invited=request.user.pk, status=Decision.PENDING, community__status=Status.APPROVED
    ).select_related("community", "invited_by")
    return render(request, "communities/invitations.html", {"invitations": pending})


@require_POST
@login_required
def answer_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=pk, invited=request.user)
    accept = request.POST.get("decision") == "accept"
    try:
        actions.answer_invitation(
            invitation=invitation,
            user=request.user,  # type: ignore[arg-type]
            accept=accept,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("communities:invitations")
    if accept:
        return redirect("communities:detail", slug=invitation.community.slug)
    return redirect("communities:invitations")
