"""Every change to a community without a course, one action each (Zulip's `do_*`): each
saves, then calls its consequences itself: the forum's grants
(`forum.permissions.sync_community_permissions`), the translation of its texts, and the
signals that notifications listens to (`communities.signals`), sent in the action's
transaction so that the notices are written with the change or not at all (their emails
leave after commit, through the outbox)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from forum.models import CommunityOfPractice
from forum.permissions import sync_community_permissions
from members.profiles import get_profile
from taxonomy.models import Region, Theme
from translations.texts import Text, request_texts

from . import rights, signals
from .models import Decision, Invitation, JoinRequest, SharedTopic

Status = CommunityOfPractice.Status
Access = CommunityOfPractice.Access


#: Paths of the communities' own pages (communities.urls), never a community's slug.
RESERVED_SLUGS = {"propose", "proposals", "invitations"}


def unique_slug(name: str) -> str:
    base = slugify(name)[:100] or "community"
    slug, number = base, 1
    while slug in RESERVED_SLUGS or CommunityOfPractice.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def request_community_texts(community: CommunityOfPractice) -> int:
    """Name and purpose translated like posts; too short to tell: the proposer's language."""
    profile = get_profile(community.proposed_by) if community.proposed_by else None
    fallback = profile.preferred_language if profile else settings.LANGUAGE_CODE[:2]
    return request_texts(
        community,
        [Text("name", community.name), Text("description", community.description)],
        fallback_language=fallback,
    )


@transaction.atomic
def propose_community(
    *,
    proposer: User,
    name: str,
    purpose: str,
    access: str,
    themes: Iterable[Theme] = (),
    region: Region | None = None,
) -> CommunityOfPractice:
    """A member proposes; the proposer is its first member and host once approved."""
    community = CommunityOfPractice.objects.create(
        name=name,
        slug=unique_slug(name),
        description=purpose,
        access=access,
        status=Status.PROPOSED,
        proposed_by=proposer,
        region=region,
    )
    community.themes.set(list(themes))
    community.members.add(proposer)
    community.hosts.add(proposer)
    request_community_texts(community)
    sync_community_permissions(community)
    signals.community_proposed.send(CommunityOfPractice, community=community, proposer=proposer)
    return community


@transaction.atomic
def decide_proposal(
    *, community: CommunityOfPractice, moderator: User, approve: bool
) -> CommunityOfPractice:
    if not rights.may_moderate(moderator):
        raise PermissionDenied
    if community.status != Status.PROPOSED:
        raise ValidationError(_("This proposal was already decided."))
    community.status = Status.APPROVED if approve else Status.DECLINED
    community.save(update_fields=["status"])
    sync_community_permissions(community)
    signals.community_decided.send(
        CommunityOfPractice, community=community, moderator=moderator, approved=approve
    )
    return community


def _add_member(community: CommunityOfPractice, user: User) -> None:
    community.members.add(user)
    sync_community_permissions(community)


@transaction.atomic
def join_community(*, community: CommunityOfPractice, user: User) -> None:
    """One click, for an approved open community."""
    if not (rights.is_signed_in(user) and community.is_approved and community.is_open):
        raise PermissionDenied
    _add_member(community, user)


@transaction.atomic
def leave_community(*, community: CommunityOfPractice, user: User) -> None:
    community.members.remove(user)
    community.hosts.remove(user)
    sync_community_permissions(community)


@transaction.atomic
def request_to_join(
    *, community: CommunityOfPractice, user: User, message: str = ""
) -> JoinRequest:
    if not (rights.is_signed_in(user) and community.is_approved and community.course_id is None):
        raise PermissionDenied
    if rights.is_member(user, community):
        raise ValidationError(_("You are already a member of this community."))
    join_request, created = JoinRequest.objects.get_or_create(
        community=community,
        member=user,
        status=Decision.PENDING,
        defaults={"message": message},
    )
    if created:  # asking again while the request waits tells the hosts nothing new
        signals.join_requested.send(JoinRequest, join_request=join_request)
    return join_request


@transaction.atomic
def decide_join_request(*, join_request: JoinRequest, host: User, accept: bool) -> JoinRequest:
    community = join_request.community
    if not rights.may_host(host, community):
        raise PermissionDenied
    if join_request.status != Decision.PENDING:
        raise ValidationError(_("This request was already decided."))
    join_request.status = Decision.ACCEPTED if accept else Decision.DECLINED
    join_request.decided_by = host
    join_request.save(update_fields=["status", "decided_by"])
    if accept:
        _add_member(community, join_request.member)
    signals.join_request_decided.send(JoinRequest, join_request=join_request, accepted=accept)
    return join_request


@transaction.atomic
def invite(*, community: CommunityOfPractice, host: User, invited: User) -> Invitation:
    if not rights.may_host(host, community):
        raise PermissionDenied
    if rights.is_member(invited, community):
        raise ValidationError(_("This person is already a member."))
    invitation, created = Invitation.objects.get_or_create(
        community=community,
        invited=invited,
        status=Decision.PENDING,
        defaults={"invited_by": host},
    )
    if created:
        signals.member_invited.send(Invitation, invitation=invitation)
    return invitation


@transaction.atomic
def answer_invitation(*, invitation: Invitation, user: User, accept: bool) -> Invitation:
    if invitation.invited_id != user.pk or not invitation.community.is_approved:
        raise PermissionDenied
    if invitation.status != Decision.PENDING:
        raise ValidationError(_("This invitation was already answered."))
    invitation.status = Decision.ACCEPTED if accept else Decision.DECLINED
    invitation.save(update_fields=["status"])
    if accept:
        _add_member(invitation.community, user)
    return invitation


@transaction.atomic
def set_host(*, community: CommunityOfPractice, by: User, user: User, host: bool) -> None:
    """Hosts are members: a new host must have joined first."""
    if not rights.may_host(by, community):
        raise PermissionDenied
    if host:
        if not rights.is_member(user, community):
            raise ValidationError(_("Only a member can be a host."))
        community.hosts.add(user)
    else:
        community.hosts.remove(user)
    sync_community_permissions(community)


@transaction.atomic
def remove_member(*, community: CommunityOfPractice, by: User, user: User) -> None:
    if not rights.may_host(by, community):
        raise PermissionDenied
    leave_community(community=community, user=user)


def shareable_targets(community: CommunityOfPractice) -> Any:
    return rights.standalone().filter(status=Status.APPROVED).exclude(pk=community.pk)


@transaction.atomic
def share_topic(
    *, topic: Any, from_community: CommunityOfPractice, to_community: CommunityOfPractice, by: User
) -> SharedTopic:
    """A host shares one of their community's topics with another approved community."""
    if not rights.may_host(by, from_community):
        raise PermissionDenied
    if from_community.forum_id is None or topic.forum_id != from_community.forum_id:
        raise ValidationError(_("Only a topic of this community can be shared."))
    if not to_community.is_approved or to_community.pk == from_community.pk:
        raise ValidationError(_("Choose another approved community."))
    shared, created = SharedTopic.objects.get_or_create(
        topic=topic,
        to_community=to_community,
        defaults={"from_community": from_community, "shared_by": by},
    )
    if created:
        signals.topic_shared.send(SharedTopic, shared_topic=shared)
    return shared
