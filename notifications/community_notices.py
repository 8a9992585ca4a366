"""Notices about communities without a course (made by `notifications.community_events`),
rendered like the other notices: the headline in the reader's interface language, the
community's name (and, for a proposal or an invitation, its purpose) in their reading
language with the site's label, as its page shows them (`translations.shown_texts`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext

from communities import rights
from communities.models import Decision
from translations.shown_texts import ShownText, texts_of

from .models import Event, Notice

EVENTS = {
    Event.COMMUNITY_PROPOSED,
    Event.COMMUNITY_DECIDED,
    Event.JOIN_REQUEST,
    Event.JOIN_REQUEST_DECIDED,
    Event.COMMUNITY_INVITATION,
    Event.TOPIC_SHARED,
}
#: Those whose notice quotes the community's purpose: deciding on it, or on joining it.
WITH_PURPOSE = {Event.COMMUNITY_PROPOSED, Event.COMMUNITY_INVITATION}


def headline(notice: Notice, name: str) -> str:
    data = notice.data or {}
    event = notice.event
    if event == Event.COMMUNITY_DECIDED:
        if data.get("approved"):
            return gettext("Your proposed community was approved")
        return gettext("Your proposed community was declined")
    if event == Event.JOIN_REQUEST_DECIDED:
        if data.get("status") == Decision.ACCEPTED:
            return gettext("Your request to join the community was accepted")
        return gettext("Your request to join the community was declined")
    with_actor: dict[str, str] = {
        Event.COMMUNITY_PROPOSED: gettext("%(name)s proposed a new community"),
        Event.JOIN_REQUEST: gettext("%(name)s asked to join your community"),
        Event.COMMUNITY_INVITATION: gettext("%(name)s invited you to join a community"),
        Event.TOPIC_SHARED: gettext("%(name)s shared a discussion with your community"),
    }
    without_actor: dict[str, str] = {
        Event.COMMUNITY_PROPOSED: gettext("A new community was proposed"),
        Event.JOIN_REQUEST: gettext("Someone asked to join your community"),
        Event.COMMUNITY_INVITATION: gettext("You were invited to join a community"),
        Event.TOPIC_SHARED: gettext("A discussion was shared with your community"),
    }
    if name and event in with_actor:
        return with_actor[event] % {"name": name}
    return without_actor.get(event, gettext("Notice"))


def community_texts(
    notices: Iterable[Notice], reader: Any, *, language: str, reads: set[str]
) -> dict[int, tuple[ShownText | None, ShownText | None]]:
    """Each community notice's title (the community's name) and excerpt (its purpose, where
    quoted), by notice id, in a fixed number of queries for any number of notices. A
    community whose page the reader may not open (any more) is neither named nor quoted."""
    notices = [notice for notice in notices if notice.event in EVENTS]
    if not notices:
        return {}
    ids = {int((n.data or {}).get("community") or 0) for n in notices} - {0}
    communities = {
        community.pk: community
        for community in rights.visible_communities(reader).filter(pk__in=ids)
    }
    shown = dict(
        zip(
            communities,
            texts_of(list(communities.values()), language=language, reads=reads),
            strict=True,
        )
    )
    found: dict[int, tuple[ShownText | None, ShownText | None]] = {}
    for notice in notices:
        community = communities.get(int((notice.data or {}).get("community") or 0))
        if community is None:
            found[notice.pk] = (None, None)
            continue
        texts = shown[community.pk]
        title = texts.get("name", community.name)
        excerpt = None
        if notice.event in WITH_PURPOSE and community.description.strip():
            excerpt = texts.get("description", community.description)
        found[notice.pk] = (title, excerpt)
    return found
