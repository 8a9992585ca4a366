"""The site's moderators: one role for everything the network beyond a course publishes.

They approve or decline proposed communities and moderate every approved community's forum
(`communities`, `forum.permissions`), hide and unhide projects (`projects.rights`) and open
profiles their members hid (`directory.visibility`). The role is the membership of one group,
given in the admin (Settings → Groups); superusers hold it too.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.db.models import Q, QuerySet

from .kept_permissions import GENERATION, KEPT_SECONDS
from .request_memo import cache_generation, per_request, shared_cache

SITE_MODERATORS_GROUP = "site-moderators"


def site_moderators_group() -> Group:
    group, _created = Group.objects.get_or_create(name=SITE_MODERATORS_GROUP)
    return group


def is_site_moderator(user: Any) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_superuser) or _in_moderators_group(user.pk)


@per_request
def _in_moderators_group(user_id: int) -> bool:
    """Asked on every topic page (whose profiles the reader may open): kept between requests
    under the permissions' generation, which a change to a member's groups moves on
    (members/kept_permissions.py). Only where the cache is shared: elsewhere another
    process's change would not reach this one."""

    def read() -> bool:
        return Group.objects.filter(name=SITE_MODERATORS_GROUP, user=user_id).exists()

    if not shared_cache():
        return read()
    key = f"puentes:site-moderator:{cache_generation(GENERATION)}:{user_id}"
    return bool(cache.get_or_set(key, read, KEPT_SECONDS))


def site_moderators() -> QuerySet[User]:
    """Every active holder of the role (to tell them of what awaits a decision)."""
    return User.objects.filter(
        Q(is_superuser=True) | Q(groups__name=SITE_MODERATORS_GROUP), is_active=True
    ).distinct()
