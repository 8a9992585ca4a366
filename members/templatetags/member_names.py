"""The name a member chose at sign-up (their profile's display name), wherever they appear.

machina names people with `MACHINA_USER_DISPLAY_NAME_METHOD` (`get_full_name`), which is
empty for someone who signed up (sign-up asks for a display name, not first and last
names); the header showed the login. `member_name` falls back the way `Profile.name` does.
`mark_member_names` loads the profiles of a page's posters in one query.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from ..models import Profile

register = template.Library()

_CACHE = "_puentes_member_name"


def _name_without_profile(user: Any) -> str:
    return user.get_full_name() or user.get_username()


@register.filter
def member_name(user: Any) -> str:
    """The display name of `user` (a profile's, else their full name, else their login)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    cached = getattr(user, _CACHE, None)
    if cached is not None:
        return cached
    try:
        profile = user.puentes_profile
    except Profile.DoesNotExist:
        name = _name_without_profile(user)
    else:
        name = profile.name
    setattr(user, _CACHE, name)
    return name


def _posters(items: Iterable[Any]) -> list[Any]:
    """The posters of posts or topics, of the topics' last posts, and of the posts that
    shown posts or questions wrap (their `post`)."""
    users = []
    for item in items:
        for holder in (item, getattr(item, "last_post", None), getattr(item, "post", None)):
            user = getattr(holder, "poster", None) if holder is not None else None
            if user is not None:
                users.append(user)
    return users


@register.simple_tag
def mark_member_names(items: Iterable[Any]) -> str:
    """Names the posters of these posts (or topics and their last posts) in one query."""
    users = [user for user in _posters(items) if getattr(user, _CACHE, None) is None]
    if not users:
        return ""
    names = {
        profile.user_id: profile.display_name
        for profile in Profile.objects.filter(user_id__in={user.pk for user in users}).only(
            "user_id", "display_name"
        )
    }
    for user in users:
        setattr(user, _CACHE, names.get(user.pk) or _name_without_profile(user))
    return ""
