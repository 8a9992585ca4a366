"""A topic list at a glance: who took part in each topic, and avatars that name them.

The participants of a whole page of topics come in two queries (one for the topic/poster
pairs, one for the people), however many topics and posts the page holds.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django import template
from django.contrib.auth import get_user_model
from django.db.models import Min
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from machina.core.db.models import get_model

from members.templatetags.member_names import member_name

register = template.Library()

Post = get_model("forum_conversation", "Post")

SHOWN_PARTICIPANTS = 4
AVATAR_COLOURS = 6  # .avatar--tone-0 … -5 in puentes.css, each AA with white initials


@register.simple_tag
def topic_participants(topics, limit: int = SHOWN_PARTICIPANTS) -> dict[int, list[Any]]:
    """The first `limit` people to post in each topic (approved posts), by topic id."""
    topic_ids = [topic.pk for topic in topics]
    if not topic_ids:
        return {}
    pairs = (
        Post.objects.filter(topic_id__in=topic_ids, approved=True, poster__isnull=False)
        .values("topic_id", "poster_id")
        .annotate(first_posted=Min("created"))
        .order_by("topic_id", "first_posted")
    )
    poster_ids: dict[int, list[int]] = defaultdict(list)
    for pair in pairs:
        if len(poster_ids[pair["topic_id"]]) < limit:
            poster_ids[pair["topic_id"]].append(pair["poster_id"])
    wanted = {pk for pks in poster_ids.values() for pk in pks}
    # Their profiles too: the avatars name each person by their display name.
    people = (
        get_user_model().objects.select_related("forum_profile", "puentes_profile").in_bulk(wanted)
    )
    return {
        topic_id: [people[pk] for pk in pks if pk in people] for topic_id, pks in poster_ids.items()
    }


@register.filter
def participants_of(participants: dict, topic) -> list[Any]:
    return participants.get(topic.pk, [])


@register.filter
def initials(user) -> str:
    """One or two letters of the member's display name, as Discourse and Slack show them."""
    name = member_name(user) or user.get_username()
    words = str(name).split()
    letters = [word[0] for word in words if word[:1].isalnum()]
    if not letters:
        return "?"
    return (letters[0] + (letters[-1] if len(letters) > 1 else "")).upper()


@register.filter
def avatar_tone(user) -> int:
    """A stable colour per member, so the same person looks the same in every list."""
    return (user.pk or 0) % AVATAR_COLOURS


@register.filter
def time_ago(moment) -> str:
    """'3 days ago': one unit, as activity columns show it (Django translates the units)."""
    if not moment:
        return ""
    if timezone.now() - moment < dt.timedelta(minutes=1):
        return _("just now")
    return _("%(time)s ago") % {"time": timesince(moment, depth=1)}


@register.filter
def avatar_person(member, profile):
    """Whose avatar it is: the member named, or else the forum profile's user."""
    return member or getattr(profile, "user", None)
