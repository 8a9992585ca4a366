"""One-click unsubscribe (RFC 8058): a signed link that needs no login.

The token carries the member's id and what to stop: "all" (no more emails), "forum:<id>"
(stop following a forum) or "topic:<id>" (leave a topic's subscribers, machina's own
list). It is signed with the site's secret and a salt of its own, so it authorises that
one change and nothing else; mail clients POST to it with the body
``List-Unsubscribe=One-Click`` (the ``List-Unsubscribe-Post`` header), people press the
button of the page a GET shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core import signing
from machina.core.db.models import get_model

from .emails import UNSUBSCRIBE_SALT
from .models import EmailChoice, ForumSubscription, NotificationSettings

#: Links stay good for a year: long enough for an old email, not forever.
TOKEN_MAX_AGE = 365 * 24 * 3600


@dataclass
class Unsubscription:
    user: Any
    scope: str
    #: The forum or topic the scope names (None for "all").
    target: Any = None


def read_token(token: str) -> Unsubscription | None:
    """What the token asks, or None if it is forged, expired or names nothing."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    user_id, scope = data.get("u"), str(data.get("s", ""))
    if not isinstance(user_id, int):
        return None
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return None
    if scope == "all":
        return Unsubscription(user, scope)
    kind, _colon, pk = scope.partition(":")
    if not pk.isdigit():
        return None
    model = {"forum": ("forum", "Forum"), "topic": ("forum_conversation", "Topic")}.get(kind)
    if model is None:
        return None
    target = get_model(*model).objects.filter(pk=int(pk)).first()
    return Unsubscription(user, scope, target) if target is not None else None


def unsubscribe(request: Unsubscription) -> None:
    """Stop what the token names; doing it twice changes nothing."""
    user, scope = request.user, request.scope
    if scope == "all":
        NotificationSettings.objects.update_or_create(
            user=user, defaults={"email": EmailChoice.NONE}
        )
    elif scope.startswith("forum:"):
        ForumSubscription.objects.update_or_create(
            user=user, forum=request.target, defaults={"subscribed": False}
        )
    elif scope.startswith("topic:"):
        request.target.subscribers.remove(user)
