"""What happens to communities without a course (`communities.signals`) becomes notices,
each told only to those it concerns (rendered by `notifications.community_notices`):

| event | who is told | where the notice leads |
|---|---|---|
| a community is proposed | the site's moderators | the proposals to decide |
| the proposal is decided | its proposer | the community's page |
| a member asks to join | its hosts (nobody else, if it has none) | the requests to decide |
| the hosts decide | the member who asked | the community's page |
| a host invites a member | the member invited | their invitations to answer |
| a host shares a topic | the hosts of the community it is shared with | that community's page |
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.urls import reverse

from communities.models import Invitation, JoinRequest, SharedTopic
from communities.signals import (
    community_decided,
    community_proposed,
    join_request_decided,
    join_requested,
    member_invited,
    topic_shared,
)
from forum.models import CommunityOfPractice
from members.moderators import site_moderators

from .events import notify
from .models import Event


def connect() -> None:
    community_proposed.connect(
        community_was_proposed,
        sender=CommunityOfPractice,
        dispatch_uid="notifications_community_proposed",
    )
    community_decided.connect(
        community_was_decided,
        sender=CommunityOfPractice,
        dispatch_uid="notifications_community_decided",
    )
    join_requested.connect(
        join_was_requested, sender=JoinRequest, dispatch_uid="notifications_join_requested"
    )
    join_request_decided.connect(
        join_request_was_decided, sender=JoinRequest, dispatch_uid="notifications_join_decided"
    )
    member_invited.connect(
        member_was_invited, sender=Invitation, dispatch_uid="notifications_member_invited"
    )
    topic_shared.connect(
        topic_was_shared, sender=SharedTopic, dispatch_uid="notifications_topic_shared"
    )


def community_url(community: CommunityOfPractice) -> str:
    return reverse("communities:detail", args=[community.slug])


def _hosts(community: CommunityOfPractice) -> QuerySet[User]:
    return community.hosts.filter(is_active=True).select_related("puentes_profile")


def community_was_proposed(
    sender, community: CommunityOfPractice, proposer: User, **kwargs: Any
) -> None:
    notify(
        Event.COMMUNITY_PROPOSED,
        site_moderators(),
        actor=proposer,
        url=reverse("communities:proposals"),
        data={"community": community.pk},
    )


def community_was_decided(
    sender, community: CommunityOfPractice, moderator: User, approved: bool, **kwargs: Any
) -> None:
    proposer = community.proposed_by
    if proposer is None or not proposer.is_active:
        return
    notify(
        Event.COMMUNITY_DECIDED,
        [proposer],
        actor=moderator,
        url=community_url(community),
        data={"community": community.pk, "approved": bool(approved)},
    )


def join_was_requested(sender, join_request: JoinRequest, **kwargs: Any) -> None:
    community = join_request.community
    notify(
        Event.JOIN_REQUEST,
        _hosts(community),
        actor=join_request.member,
        url=reverse("communities:manage", args=[community.slug]) + "#requests",
        data={"community": community.pk, "request": join_request.pk},
    )


def join_request_was_decided(
    sender, join_request: JoinRequest, accepted: bool, **kwargs: Any
) -> None:
    community = join_request.community
    notify(
        Event.JOIN_REQUEST_DECIDED,
        [join_request.member],
        actor=join_request.decided_by,
        url=community_url(community),
        data={
            "community": community.pk,
            "request": join_request.pk,
            "status": join_request.status,
        },
    )


def member_was_invited(sender, invitation: Invitation, **kwargs: Any) -> None:
    notify(
        Event.COMMUNITY_INVITATION,
        [invitation.invited],
        actor=invitation.invited_by,
        url=reverse("communities:invitations"),
        data={"community": invitation.community_id, "invitation": invitation.pk},
    )


def topic_was_shared(sender, shared_topic: SharedTopic, **kwargs: Any) -> None:
    # The notice names the community it was shared with, never the topic: its subject may
    # come from a private community these hosts do not read (its page shows them what
    # they may see of it).
    community = shared_topic.to_community
    notify(
        Event.TOPIC_SHARED,
        _hosts(community),
        actor=shared_topic.shared_by,
        url=community_url(community),
        data={
            "community": community.pk,
            "from_community": shared_topic.from_community_id,
            "shared_topic": shared_topic.pk,
        },
    )
