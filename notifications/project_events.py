"""Offers of help on projects (`projects.signals`) become notices: the owner hears of each
offer, the offerer of the owner's answer (rendered by `notifications.project_notices`)."""

from __future__ import annotations

from typing import Any

from projects import rights
from projects.models import Offer
from projects.signals import offer_decided, offer_made

from .events import notify
from .models import Event


def connect() -> None:
    offer_made.connect(offer_was_made, sender=Offer, dispatch_uid="notifications_project_offer")
    offer_decided.connect(
        offer_was_decided, sender=Offer, dispatch_uid="notifications_project_offer_decided"
    )


def _data(offer: Offer) -> dict[str, Any]:
    return {"project": offer.project_id, "offer": offer.pk, "status": offer.status}


def offer_was_made(sender, offer: Offer, **kwargs) -> None:
    notify(
        Event.PROJECT_OFFER,
        [offer.project.owner],
        actor=offer.member,
        url=offer.project.get_absolute_url(),
        data=_data(offer),
    )


def offer_was_decided(sender, offer: Offer, **kwargs) -> None:
    if not rights.may_see(offer.member, offer.project):
        return  # a hidden project: its page would be a 404 to them
    notify(
        Event.PROJECT_OFFER_DECIDED,
        [offer.member],
        actor=offer.project.owner,
        url=offer.project.get_absolute_url(),
        data=_data(offer),
    )
