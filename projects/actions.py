"""The writes on projects; each calls its own consequences (translations asked for, the
signals that notifications turns into notices), as Zulip's `do_*` actions do.

Rights are checked here too (`PermissionDenied`), so that no caller can skip them; a write
the project's state refuses (closed, places full, an offer already decided) raises
:class:`ActionRefused` with a message for the member.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import rights, signals
from .models import Need, Offer, Project, Update
from .texts import (
    forget_need_texts,
    request_need_texts,
    request_offer_texts,
    request_project_texts,
    request_update_texts,
)

#: The kind of offer each kind of need takes.
OFFER_KIND = {
    Need.Kind.VOLUNTEERS: Offer.Kind.VOLUNTEER,
    Need.Kind.EXPERTISE: Offer.Kind.EXPERTISE,
    Need.Kind.MATERIALS: Offer.Kind.MATERIALS,
}
PLACES_TAKEN = _(
    "All %(places)d places of this need are taken: decline the offer or add places."
)  # fmt: skip
#: The project's fields its owner edits.
EDITABLE = ("title", "description", "territory", "crowdfunding_url")


class ActionRefused(Exception):
    """The project's state refuses the write; the message says why, for the member."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# ---------------------------------------------------------------------------
# The project
# ---------------------------------------------------------------------------
@transaction.atomic
def propose(
    *,
    owner: Any,
    title: str,
    description: str,
    territory: Any = None,
    themes: Iterable[Any] = (),
    crowdfunding_url: str = "",
) -> Project:
    _require(rights.is_member(owner))
    project = Project.objects.create(
        owner=owner,
        title=title,
        description=description,
        territory=territory,
        crowdfunding_url=crowdfunding_url,
    )
    project.themes.set(list(themes))
    request_project_texts(project)
    return project


@transaction.atomic
def edit(project: Project, *, by: Any, themes: Iterable[Any] | None = None, **fields: Any) -> None:
    _require(rights.may_manage(by, project))
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(project, name, value)
    project.save()
    if themes is not None:
        project.themes.set(list(themes))
    request_project_texts(project)


@transaction.atomic
def close(project: Project, *, by: Any) -> None:
    """Done: no more offers; the page says it is closed."""
    _require(rights.may_manage(by, project))
    if not project.is_open:
        raise ActionRefused(_("This project is already closed."))
    project.status, project.closed_at = Project.Status.CLOSED, timezone.now()
    project.save(update_fields=["status", "closed_at", "updated_at"])


@transaction.atomic
def reopen(project: Project, *, by: Any) -> None:
    _require(rights.may_manage(by, project))
    if project.is_open:
        raise ActionRefused(_("This project is already open."))
    project.status, project.closed_at = Project.Status.OPEN, None
    project.save(update_fields=["status", "closed_at", "updated_at"])


@transaction.atomic
def hide(project: Project, *, by: Any, reason: str) -> None:
    """Moderators: the project leaves every listing and page but its owner's and theirs."""
    _require(rights.may_moderate(by))
    if not reason.strip():
        raise ActionRefused(_("Say why the project is hidden: its owner reads it."))
    project.hidden, project.hidden_by, project.hidden_reason = True, by, reason.strip()
    project.save(update_fields=["hidden", "hidden_by", "hidden_reason", "updated_at"])


@transaction.atomic
def unhide(project: Project, *, by: Any) -> None:
    _require(rights.may_moderate(by))
    project.hidden, project.hidden_by, project.hidden_reason = False, None, ""
    project.save(update_fields=["hidden", "hidden_by", "hidden_reason", "updated_at"])


# ---------------------------------------------------------------------------
# Needs
# ---------------------------------------------------------------------------
def _need_values(kind: str, places: int | None, schedule: str, paid: bool) -> dict[str, Any]:
    """Places and schedule belong to volunteers, paid to expertise: the rest is cleared."""
    volunteers = kind == Need.Kind.VOLUNTEERS
    if volunteers and not places:
        raise ActionRefused(_("Say how many volunteers the project needs."))
    return {
        "kind": kind,
        "places": places if volunteers else None,
        "schedule": schedule if volunteers else "",
        "paid": bool(paid) if kind == Need.Kind.EXPERTISE else False,
    }


@transaction.atomic
def add_need(
    project: Project,
    *,
    by: Any,
    kind: str,
    description: str,
    places: int | None = None,
    schedule: str = "",
    paid: bool = False,
) -> Need:
    _require(rights.may_manage(by, project))
    need = Need.objects.create(
        project=project, description=description, **_need_values(kind, places, schedule, paid)
    )
    request_need_texts(need)
    return need


@transaction.atomic
def set_places(need: Need, *, by: Any, places: int) -> None:
    """More (or fewer) volunteer places; never fewer than the volunteers already accepted."""
    _require(rights.may_manage(by, need.project))
    need = Need.objects.select_for_update().get(pk=need.pk)
    if need.kind != Need.Kind.VOLUNTEERS:
        raise ActionRefused(_("Only a need for volunteers has places."))
    accepted = need.offers.filter(status=Offer.Status.ACCEPTED).count()
    if places < max(accepted, 1):
        raise ActionRefused(
            _("%(accepted)d volunteers are already accepted: keep at least as many places.")
            % {"accepted": accepted}
        )
    need.places = places
    need.save(update_fields=["places"])


@transaction.atomic
def remove_need(need: Need, *, by: Any) -> None:
    """Offers made for it stay, with no need (the owner still sees and decides them)."""
    _require(rights.may_manage(by, need.project))
    forget_need_texts(need)
    need.delete()


# ---------------------------------------------------------------------------
# Offers
# ---------------------------------------------------------------------------
@transaction.atomic
def offer(
    project: Project,
    *,
    member: Any,
    need: Need | None = None,
    kind: str = "",
    message: str = "",
    fee: str = "",
) -> Offer:
    """A member offers help, for one of the project's needs (or in general)."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    _require(rights.is_member(member) and not rights.is_owner(member, project))
    if project.hidden:
        raise PermissionDenied
    if not project.is_open:
        raise ActionRefused(_("This project is closed: it takes no more offers."))
    if need is not None:
        if need.project_id != project.pk:
            raise ActionRefused(_("This need is not one of the project's."))
        kind = OFFER_KIND[Need.Kind(need.kind)]
        if need.places_left == 0:
            raise ActionRefused(_("This need has all the volunteers it asked for."))
    if kind not in Offer.Kind.values:
        raise ActionRefused(_("Choose what you offer."))
    pending = Offer.objects.filter(
        project=project, member=member, need=need, status=Offer.Status.PENDING
    )
    if pending.exists():
        raise ActionRefused(_("You already offered this; the owner has not answered yet."))
    made = Offer.objects.create(
        project=project,
        need=need,
        member=member,
        kind=kind,
        message=message,
        fee=fee if kind == Offer.Kind.EXPERTISE else "",
    )
    request_offer_texts(made)
    signals.offer_made.send(sender=Offer, offer=made)
    return made


@transaction.atomic
def withdraw(offer: Offer, *, by: Any) -> None:
    _require(rights.is_member(by) and offer.member_id == by.pk)
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if offer.status not in (Offer.Status.PENDING, Offer.Status.ACCEPTED):
        raise ActionRefused(_("This offer can no longer be withdrawn."))
    offer.status, offer.decided_at = Offer.Status.WITHDRAWN, timezone.now()
    offer.save(update_fields=["status", "decided_at"])


def _decide(offer: Offer, *, by: Any, status: str) -> Offer:
    _require(rights.may_manage(by, offer.project))
    locked = Offer.objects.select_for_update(of=("self",)).select_related("need", "project")
    offer = locked.get(pk=offer.pk)
    if offer.status != Offer.Status.PENDING:
        raise ActionRefused(_("This offer was already answered or withdrawn."))
    if status == Offer.Status.ACCEPTED:
        if not offer.project.is_open:
            raise ActionRefused(_("This project is closed: reopen it to accept offers."))
        if offer.need is not None:
            need = Need.objects.select_for_update().get(pk=offer.need.pk)
            if need.places_left == 0:
                raise ActionRefused(PLACES_TAKEN % {"places": need.places})
    offer.status, offer.decided_at = status, timezone.now()
    offer.save(update_fields=["status", "decided_at"])
    signals.offer_decided.send(sender=Offer, offer=offer)
    return offer


@transaction.atomic
def accept(offer: Offer, *, by: Any) -> Offer:
    return _decide(offer, by=by, status=Offer.Status.ACCEPTED)


@transaction.atomic
def decline(offer: Offer, *, by: Any) -> Offer:
    return _decide(offer, by=by, status=Offer.Status.DECLINED)


# ---------------------------------------------------------------------------
# Updates
# ---------------------------------------------------------------------------
@transaction.atomic
def post_update(
    project: Project, *, by: Any, text: str, visibility: str = Update.Visibility.PUBLIC
) -> Update:
    _require(rights.may_manage(by, project))
    if visibility not in Update.Visibility.values:
        raise ActionRefused(_("Choose who sees the update."))
    update = Update.objects.create(project=project, author=by, text=text, visibility=visibility)
    request_update_texts(update)
    return update
