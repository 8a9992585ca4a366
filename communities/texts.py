"""Translators review a community's name and purpose in the forum's queue and editor
(`forum.reviewable_texts`), as they review a page's texts: those of the approved communities
that are open, or private with the translator among their members (the site's moderators:
every one, as they see every community). The texts themselves are asked for by
`communities.actions.request_community_texts`."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from forum import reviewable_texts
from forum.models import CommunityOfPractice

from . import rights

Status = CommunityOfPractice.Status
Access = CommunityOfPractice.Access


def reviewable_communities(user: Any) -> QuerySet[CommunityOfPractice]:
    communities = rights.standalone()
    if rights.may_moderate(user):
        return communities
    if not rights.is_signed_in(user):
        return communities.none()
    joined = CommunityOfPractice.members.through.objects.filter(user=user)
    return communities.filter(status=Status.APPROVED).filter(
        Q(access=Access.OPEN) | Q(pk__in=joined.values("communityofpractice_id"))
    )


def register_reviewable_texts() -> None:
    """Called from the app's ready(): the forum cannot import communities (layers)."""
    reviewable_texts.register(
        CommunityOfPractice,
        kind=_("community"),
        fields={"name": _("community name"), "description": _("community purpose")},
        readable=reviewable_communities,
        url=lambda community: reverse("communities:detail", args=[community.slug]),
        title=lambda community: community.name,
    )
