"""The directory listens to sign-up: the region a new member named becomes their territory
when it is one of the vocabulary's (`directory.territory`)."""

from __future__ import annotations

from members.profiles import get_profile

from .territory import match_territory


def member_signed_up(sender, request, user, **kwargs) -> None:
    match_territory(get_profile(user))
