"""Who sees a member's profile, and who finds them in the directory.

The member chooses (`Profile.visibility`): nobody but themselves and the site's moderators
(hidden), signed-in members (the default), or everyone (public). Whoever sees the profile
sees the same fields, those the member chose to show (`Profile.show_*`); the posts listed
are those the viewer may read anyway (`directory.contributions`).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet

from members.models import Profile, Visibility
from members.moderators import is_site_moderator


def is_signed_in(viewer: User | AnonymousUser) -> bool:
    return bool(viewer.is_authenticated and viewer.is_active)


def is_site_staff(viewer: User | AnonymousUser) -> bool:
    """The site's moderators (`members.moderators`): they see hidden profiles, to moderate
    them, as they moderate communities and projects."""
    return is_site_moderator(viewer)


def audiences(viewer: User | AnonymousUser) -> list[str]:
    """The visibilities of the profiles the directory lists to `viewer`."""
    if is_signed_in(viewer):
        return [Visibility.MEMBERS, Visibility.PUBLIC]
    return [Visibility.PUBLIC]


def listed_profiles(viewer: User | AnonymousUser) -> QuerySet[Profile]:
    """The profiles the directory lists to `viewer` (hidden ones never: not even to staff,
    who open them by their address)."""
    return Profile.objects.filter(user__is_active=True, visibility__in=audiences(viewer))


def may_see_profile(viewer: User | AnonymousUser, profile: Profile) -> bool:
    if is_signed_in(viewer) and (viewer.pk == profile.user_id or is_site_staff(viewer)):
        return True
    if not profile.user.is_active:
        return False
    return profile.visibility in audiences(viewer)
