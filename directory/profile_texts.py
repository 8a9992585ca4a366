"""A member's bio and expertise, translated like posts and pages (field by field).

Saved from the profile form: :func:`request_profile_texts` records both texts and queues
their translation (the worker detects each one's language; a text too short to tell is
taken to be in the member's preferred language).
"""

from __future__ import annotations

from members.models import Profile
from translations.texts import Text, request_texts

#: The profile's texts that are translated, in the order the page shows them.
TRANSLATED_FIELDS = ("bio", "expertise")


def request_profile_texts(profile: Profile) -> int:
    return request_texts(
        profile,
        [Text(field, getattr(profile, field) or "") for field in TRANSLATED_FIELDS],
        fallback_language=profile.preferred_language,
    )
