"""Whose forum profile a person may open: machina shows every account's to anyone.

A member's name and posts are seen by the people who meet them: those who share a course
with them (any enrollment, any role), and readers of a forum they posted in. Visitors see
no profile; anyone else gets a 404, as for an account that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from machina.core.db.models import get_model

from courses.models import Enrollment

from .permission_handler import PermissionHandler

Post: Any = get_model("forum_conversation", "Post")


def may_see_member(viewer: User | AnonymousUser, member: User) -> bool:
    """May `viewer` see `member`'s profile (their name, their posts list)?"""
    if not viewer.is_authenticated or not viewer.is_active:
        return False
    if viewer.pk == member.pk or viewer.is_superuser:
        return True
    return share_a_course(viewer, member) or readable_posts_by(member, viewer).exists()


def share_a_course(viewer: User, member: User) -> bool:
    return Enrollment.objects.filter(
        user=member, course__in=Enrollment.objects.filter(user=viewer).values("course")
    ).exists()


def readable_posts_by(member: User, viewer: User | AnonymousUser) -> QuerySet:
    """`member`'s posts that the topic pages show `viewer` (no answer still hidden from them)."""
    return PermissionHandler().readable_posts(Post.objects.filter(poster=member), viewer)
