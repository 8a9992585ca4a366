"""A member's communities and projects as their profile page lists them: only what the
viewer may see anyway, in a fixed number of queries whatever their number.

Communities: the approved ones without a course (a course's communities belong to the
course's own privacy); an open one for any viewer, a private one only for its own members
and the site's moderators (its page tells others its name, not who is in it). Projects: the
ones the member owns that `projects.rights` lets the viewer open, never a hidden one (a
profile is no place to show what a moderator withdrew).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q

from communities import rights as community_rights
from forum.models import CommunityOfPractice
from members.moderators import is_site_moderator
from projects import rights as project_rights
from projects.models import Project

Status = CommunityOfPractice.Status
Access = CommunityOfPractice.Access


def communities_of(member: User, viewer: User | AnonymousUser) -> list[CommunityOfPractice]:
    """The communities `member` belongs to that `viewer` may see them in, by name."""
    shown = community_rights.standalone().filter(members=member, status=Status.APPROVED)
    if not is_site_moderator(viewer):
        visible = Q(access=Access.OPEN)
        if isinstance(viewer, User) and community_rights.is_signed_in(viewer):
            visible |= Q(pk__in=viewer.communities_of_practice.values("pk"))
        shown = shown.filter(visible)
    return list(shown.distinct().order_by("name", "pk"))


def projects_of(member: User, viewer: User | AnonymousUser) -> list[Project]:
    """The projects `member` owns that `viewer` may open, never a hidden one, newest first."""
    return list(
        project_rights.visible_projects(viewer)
        .filter(owner=member, hidden=False)
        .order_by("-created_at", "-pk")
    )
