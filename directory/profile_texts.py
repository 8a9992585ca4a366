"""A member's bio and expertise, translated like posts and pages (field by field).

Saved from the profile form: :func:`request_profile_texts` records both texts and queues
their translation (the worker detects each one's language; a text too short to tell is
taken to be in the member's preferred language). Translators review them in the forum's
queue and editor (`forum.reviewable_texts`) where the profile page would show them.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from forum import reviewable_texts
from members.models import Profile
from translations.texts import Text, request_texts

from . import visibility

#: The profile's texts that are translated, in the order the page shows them.
TRANSLATED_FIELDS = ("bio", "expertise")


def request_profile_texts(profile: Profile) -> int:
    return request_texts(
        profile,
        [Text(field, getattr(profile, field) or "") for field in TRANSLATED_FIELDS],
        fallback_language=profile.preferred_language,
    )


def reviewable_profiles(viewer: User | AnonymousUser) -> QuerySet[Profile]:
    """The profiles `viewer` may open (`visibility.may_see_profile`, as a query): their own,
    every one for the site's moderators, else the active members' that are shown to them."""
    if visibility.is_site_staff(viewer):
        return Profile.objects.all()
    shown = Q(user__is_active=True, visibility__in=visibility.audiences(viewer))
    if visibility.is_signed_in(viewer):
        shown |= Q(user=viewer.pk)
    return Profile.objects.filter(shown)


def register_reviewable_texts() -> None:
    """Translators review the bio and expertise of the profiles they may open, each only if
    its member shows it; called from the app's ready() (the forum cannot import the
    directory)."""
    reviewable_texts.register(
        Profile,
        kind=_("member profile"),
        fields={"bio": _("about me"), "expertise": _("expertise I offer")},
        readable=reviewable_profiles,
        url=lambda profile: reverse("directory:profile", args=[profile.user.get_username()]),
        title=lambda profile: profile.name,
        related=("user",),
        shown_when={"bio": Q(show_bio=True), "expertise": Q(show_expertise=True)},
    )
