"""Who may see and do what with a community without a course. Pages and actions ask here;
the forum's own rights (machina grants) are `forum.permissions.sync_community_permissions`.

| who | open community's page | private community's page | its discussions | proposals |
| --- | --- | --- | --- | --- |
| anonymous visitor | name, purpose, themes, territory, count | nothing (404) | no | no |
| signed-in member | same, join | same, request to join | open: read; post once joined | own |
| community member | same, leave | same, leave | read, post | own |
| host | same, requests, invitations, hosts | same | moderate | own |
| site moderator | same | same | read, moderate | approve, decline |

The site's moderators are superusers and the members of the group
`members.moderators.SITE_MODERATORS_GROUP` ("site-moderators", given in the admin).
A proposed or declined community is seen by its proposer and the site's moderators only.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from forum.models import CommunityOfPractice
from members.moderators import is_site_moderator

Status = CommunityOfPractice.Status
Access = CommunityOfPractice.Access


def is_signed_in(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def may_moderate(user: Any) -> bool:
    return is_site_moderator(user)


def is_member(user: Any, community: CommunityOfPractice) -> bool:
    return is_signed_in(user) and community.members.filter(pk=user.pk).exists()


def is_host(user: Any, community: CommunityOfPractice) -> bool:
    return is_signed_in(user) and community.hosts.filter(pk=user.pk).exists()


def may_host(user: Any, community: CommunityOfPractice) -> bool:
    """Hosts manage members, requests and invitations; the site's moderators may too."""
    return community.is_approved and (is_host(user, community) or may_moderate(user))


def standalone() -> QuerySet[CommunityOfPractice]:
    return CommunityOfPractice.objects.filter(course=None)


def visible_communities(user: Any) -> QuerySet[CommunityOfPractice]:
    """The communities whose page this person may open."""
    approved = Q(status=Status.APPROVED)
    if not is_signed_in(user):
        return standalone().filter(approved, access=Access.OPEN)
    if may_moderate(user):
        return standalone()
    return standalone().filter(approved | Q(proposed_by=user))


def may_see(user: Any, community: CommunityOfPractice) -> bool:
    return visible_communities(user).filter(pk=community.pk).exists()
