"""The site's moderators: one role for everything the network beyond a course publishes.

They approve or decline proposed communities and moderate every approved community's forum
(`communities`, `forum.permissions`), hide and unhide projects (`projects.rights`) and open
profiles their members hid (`directory.visibility`). The role is the membership of one group,
given in the admin (Settings → Groups); superusers hold it too.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, User
from django.db.models import Q, QuerySet

SITE_MODERATORS_GROUP = "site-moderators"


def site_moderators_group() -> Group:
    group, _created = Group.objects.get_or_create(name=SITE_MODERATORS_GROUP)
    return group


def is_site_moderator(user: Any) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_superuser) or user.groups.filter(name=SITE_MODERATORS_GROUP).exists()


def site_moderators() -> QuerySet[User]:
    """Every active holder of the role (to tell them of what awaits a decision)."""
    return User.objects.filter(
        Q(is_superuser=True) | Q(groups__name=SITE_MODERATORS_GROUP), is_active=True
    ).distinct()
