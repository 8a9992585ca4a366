"""The language switcher's target: Django's set_language, remembered for members too."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.i18n import LANGUAGE_QUERY_PARAMETER
from django.views.i18n import set_language as django_set_language

from ..language import remember_choice


def set_language(request: HttpRequest) -> HttpResponse:
    """Sets the cookie (Django's view), then keeps the choice in the profile or session.

    As in Django's view, a GET changes nothing and only redirects.
    """
    response = django_set_language(request)
    if request.method == "POST":
        remember_choice(request, request.POST.get(LANGUAGE_QUERY_PARAMETER, ""))
    return response
