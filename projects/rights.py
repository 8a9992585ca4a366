"""Who may see and do what with a project. The pages, the listings and the notices ask here.

| who | open project | closed | hidden | who offered | volunteers' updates |
|---|---|---|---|---|---|
| anonymous visitor, member | read | read | 404 | own offers | no |
| accepted volunteer | read | read | 404 | own offers | yes |
| owner | read, edit, answer offers, post updates, close | reopen | read, why | all | yes |
| moderator | read, hide | read | read, unhide | all | yes |

Moderators are the site's moderators (`members.moderators`: superusers and the group
"site-moderators", the same people who approve communities). A project is published by
its owner for the public, so open and closed visible projects are read by anonymous
visitors too; who offered help is between the offerer and the owner (and moderators).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from members.moderators import is_site_moderator

from .models import Offer, Project, Update


def is_member(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def may_moderate(user: Any) -> bool:
    return is_site_moderator(user)


def is_owner(user: Any, project: Project) -> bool:
    return is_member(user) and project.owner_id == user.pk


def visible_projects(user: Any) -> QuerySet[Project]:
    """The projects this person may open: every visible one, and their own or (moderators)
    the hidden ones too."""
    projects = Project.objects.all()
    if may_moderate(user):
        return projects
    if is_member(user):
        return projects.filter(Q(hidden=False) | Q(owner=user))
    return projects.filter(hidden=False)


def may_see(user: Any, project: Project) -> bool:
    return not project.hidden or is_owner(user, project) or may_moderate(user)


def may_manage(user: Any, project: Project) -> bool:
    """Edit, add needs, decide offers, post updates, close and reopen: the owner's."""
    return is_owner(user, project)


def is_volunteer(user: Any, project: Project) -> bool:
    return (
        is_member(user)
        and Offer.objects.filter(
            project=project, member=user, status=Offer.Status.ACCEPTED
        ).exists()
    )


def sees_volunteer_updates(user: Any, project: Project) -> bool:
    return is_owner(user, project) or may_moderate(user) or is_volunteer(user, project)


def visible_updates(user: Any, project: Project) -> QuerySet[Update]:
    updates = project.updates.select_related("author__puentes_profile")
    if sees_volunteer_updates(user, project):
        return updates
    return updates.filter(visibility=Update.Visibility.PUBLIC)


def may_offer(user: Any, project: Project) -> bool:
    """Signed-in members other than the owner, on an open, visible project."""
    return (
        is_member(user) and not is_owner(user, project) and project.is_open and not project.hidden
    )


def sees_offers(user: Any, project: Project) -> bool:
    """Every offer with the offerers' names: the owner and moderators."""
    return is_owner(user, project) or may_moderate(user)
