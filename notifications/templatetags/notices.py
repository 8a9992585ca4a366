"""The header's unread count, a forum's "Subscribe" button, a notice's excerpt as plain text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator

from ..models import ForumSubscription, SubscriptionMode
from ..preferences import follows, forum_mode
from ..unread import unread_count

register = template.Library()

_UNREAD = "_puentes_unread_notices"
EXCERPT_WORDS = 40


@register.simple_tag(takes_context=True)
def unread_notices(context) -> int | None:
    """How many notices the member has not read (None for visitors), kept between requests
    (notifications/unread.py)."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None or not user.is_authenticated:
        return None
    cached = getattr(request, _UNREAD, None) if request is not None else None
    if cached is not None:
        return cached
    count = unread_count(user)
    if request is not None:
        setattr(request, _UNREAD, count)
    return count


@dataclass
class ForumFollowing:
    mode: str
    follows: bool
    url: str

    @property
    def forced(self) -> bool:
        return self.mode == SubscriptionMode.FORCED

    @property
    def disabled(self) -> bool:
        return self.mode == SubscriptionMode.DISABLED


@register.simple_tag(takes_context=True)
def forum_following(context, forum: Any) -> ForumFollowing | None:
    """Whether the member follows this forum and may change it; None when nothing to show."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if forum is None or user is None or not user.is_authenticated:
        return None
    mode = forum_mode(forum)
    row = (
        ForumSubscription.objects.filter(user=user, forum_id=forum.pk)
        .values_list("subscribed", flat=True)
        .first()
    )
    return ForumFollowing(
        mode=mode,
        follows=follows(mode, row),
        url=reverse("notifications:follow_forum", args=[forum.pk]),
    )


@register.filter
def notice_excerpt(text: Any) -> str:
    """A shown text (Markdown or HTML) as a short plain-text excerpt; escaped by the template."""
    if text is None:
        return ""
    value = strip_tags(str(getattr(text, "shown", text)))
    value = " ".join(value.replace("#", " ").replace("*", "").split())
    return Truncator(value).words(EXCERPT_WORDS, truncate="…")
