"""The interface language: a visitor's choice lives in a cookie, a member's in their profile.

One rule: the latest explicit choice wins. A member who picks a language saves it in their
profile (it is also the language posts are translated into for them), so it follows them
to every device. A visitor's choice is kept in the cookie and, for this session, noted in
the session; when that visitor signs in, the choice they just made is newer than their
profile's and is saved into it. Otherwise a signed-in member sees their profile's language,
whatever the cookie of the browser they use says. URLs never carry the language.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from .profiles import get_profile

#: Session key of a language chosen before signing in, waiting to be saved to the profile.
CHOSEN_LANGUAGE_SESSION_KEY = "puentes_chosen_language"


def interface_languages() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}


def remember_choice(request: HttpRequest, language: str) -> None:
    """Keep an explicit choice: in the member's profile, or in the visitor's session."""
    if language not in interface_languages():
        return
    profile = get_profile(request.user)
    if profile is None:
        request.session[CHOSEN_LANGUAGE_SESSION_KEY] = language
        return
    request.session.pop(CHOSEN_LANGUAGE_SESSION_KEY, None)
    if profile.preferred_language != language:
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language"])


def member_language(request: HttpRequest, user: User | AnonymousUser) -> str | None:
    """The language a signed-in member sees; None for a visitor (the cookie decides)."""
    if not user.is_authenticated:
        return None
    chosen = request.session.get(CHOSEN_LANGUAGE_SESSION_KEY)
    if chosen:
        # Chosen as a visitor just before signing in: newer than the profile.
        remember_choice(request, chosen)
    profile = get_profile(user)
    language = profile.preferred_language if profile else None
    return language if language in interface_languages() else None


class MemberLanguageMiddleware:
    """Activates a signed-in member's language; Django's LocaleMiddleware handles visitors.

    Placed after AuthenticationMiddleware. LocaleMiddleware's response half then labels the
    response with the language activated here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = member_language(request, request.user)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
