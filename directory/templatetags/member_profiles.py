"""Links from a member's name to their profile page, when the reader may open it.

{% load member_profiles %}
{% mark_profile_links posts %}           {# one query for every poster of the page #}
<a href="{{ post.poster|profile_url }}">  {# the directory's profile, else the forum's #}
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.urls import reverse

from members.models import Profile

from ..visibility import audiences, is_signed_in, is_site_staff

register = template.Library()

_VISIBLE = "_puentes_profile_visible"


@register.simple_tag(takes_context=True)
def mark_profile_links(context, posts: Iterable[Any]) -> str:
    """Marks the posters whose directory profile the reader may open (one query)."""
    request = context.get("request")
    viewer = getattr(request, "user", None)
    users = [post.poster for post in posts if getattr(post, "poster", None) is not None]
    if viewer is None or not users:
        return ""
    ids = {user.pk for user in users}
    if is_site_staff(viewer):
        visible = ids
    else:
        visible = set(
            Profile.objects.filter(
                user_id__in=ids, user__is_active=True, visibility__in=audiences(viewer)
            ).values_list("user_id", flat=True)
        )
        if is_signed_in(viewer) and viewer.pk in ids:
            visible.add(viewer.pk)
    for user in users:
        setattr(user, _VISIBLE, user.pk in visible)
    return ""


@register.filter
def profile_url(user: Any) -> str:
    """The member's directory profile if marked visible, else machina's forum profile ("" for
    a post without an account behind it)."""
    if user is None:
        return ""
    if getattr(user, _VISIBLE, False):
        return reverse("directory:profile", args=[user.get_username()])
    return reverse("forum_member:profile", args=[user.pk])
