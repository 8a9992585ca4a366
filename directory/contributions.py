"""A member's posts as a profile page lists them: only those the viewer may read.

The rule every list of posts outside the topic page applies (`forum.search.readable_posts`):
approved posts of approved topics in forums the viewer may read (a private community, a
course they are not in, a hidden forum: none), less the answers still hidden from them until
they post their own (`forum.independent`).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from machina.core.db.models import get_model

from forum.permission_handler import PermissionHandler
from forum.search import readable_posts

Forum: Any = get_model("forum", "Forum")


def contributions(
    member: User, viewer: User | AnonymousUser, handler: PermissionHandler | None = None
) -> QuerySet:
    """`member`'s posts that `viewer` may read, newest first."""
    handler = handler or PermissionHandler()
    forums = handler.get_readable_forums(Forum.objects.all(), viewer)
    return (
        readable_posts(forums, viewer)
        .filter(poster=member)
        .select_related("topic", "topic__forum")
        .order_by("-created", "-pk")
    )
