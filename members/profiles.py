"""Finding a member's profile without a query per call site."""

from __future__ import annotations

from typing import overload

from django.contrib.auth.models import AnonymousUser, User

from .models import Profile


@overload
def get_profile(user: User) -> Profile: ...
@overload
def get_profile(user: User | AnonymousUser | None) -> Profile | None: ...
def get_profile(user: User | AnonymousUser | None) -> Profile | None:
    """The user's profile, created on first use; None for anonymous visitors."""
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.puentes_profile
    except Profile.DoesNotExist:
        profile, _created = Profile.objects.get_or_create(user=user)
        user.puentes_profile = profile
        return profile


def display_name(user: User) -> str:
    """The name the member chose (allauth's `ACCOUNT_USER_DISPLAY`: "Signed in as …")."""
    profile = get_profile(user)
    return profile.name if profile is not None else user.get_username()
