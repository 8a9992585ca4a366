"""Notices of offers of help on projects (made by `notifications.project_events`),
rendered like the other notices: the headline in the reader's interface language, the
project's title (and, for its owner, the offer's message) in their reading language with
the site's label."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext

from projects import rights
from projects.models import Offer, Project
from translations.shown_texts import ShownText, texts_of

from .models import Event, Notice

EVENTS = {Event.PROJECT_OFFER, Event.PROJECT_OFFER_DECIDED}


def headline(notice: Notice, name: str) -> str:
    data = notice.data or {}
    if notice.event == Event.PROJECT_OFFER:
        if name:
            return gettext("%(name)s offered to help on your project") % {"name": name}
        return gettext("Someone offered to help on your project")
    if data.get("status") == Offer.Status.ACCEPTED:
        return gettext("Your offer of help was accepted")
    if data.get("status") == Offer.Status.DECLINED:
        return gettext("Your offer of help was declined")
    return gettext("Your offer of help was answered")


def project_texts(
    notices: Iterable[Notice], reader: Any, *, language: str, reads: set[str]
) -> dict[int, tuple[ShownText | None, ShownText | None]]:
    """Each project notice's title (the project's) and excerpt (the offer's message, for
    the owner), by notice id, in four queries for any number of notices. A project the
    reader may no longer see is neither named nor quoted."""
    notices = [notice for notice in notices if notice.event in EVENTS]
    if not notices:
        return {}
    project_ids = {(n.data or {}).get("project") for n in notices} - {None}
    projects = {p.pk: p for p in Project.objects.filter(pk__in=project_ids)}
    shown = dict(
        zip(
            projects,
            texts_of(list(projects.values()), language=language, reads=reads),
            strict=True,
        )
    )
    offer_ids = {(n.data or {}).get("offer") for n in notices if n.event == Event.PROJECT_OFFER} - {
        None
    }
    offers = {o.pk: o for o in Offer.objects.filter(pk__in=offer_ids)}
    offer_texts = dict(
        zip(offers, texts_of(list(offers.values()), language=language, reads=reads), strict=True)
    )
    found: dict[int, tuple[ShownText | None, ShownText | None]] = {}
    for notice in notices:
        data = notice.data or {}
        project = projects.get(int(data.get("project") or 0))
        if project is None or not rights.may_see(reader, project):
            found[notice.pk] = (None, None)
            continue
        title = shown[project.pk].get("title", project.title)
        excerpt = None
        offer = offers.get(int(data.get("offer") or 0))
        if notice.event == Event.PROJECT_OFFER and offer is not None and offer.message.strip():
            excerpt = offer_texts[offer.pk].get("message", offer.message)
        found[notice.pk] = (title, excerpt)
    return found
