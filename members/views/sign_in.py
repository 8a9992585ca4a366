"""The site has one way to sign in: allauth's, which throttles failed attempts and asks for
a verified email. The login forms Wagtail and Django bring along (Wagtail's admin and
front-end, Django's admin) are served by this view instead, which reads no credentials
and sends people to allauth's sign-in with where they were going."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def sign_in_with_allauth(request: HttpRequest) -> HttpResponse:
    """Any method; whatever was posted is dropped, a safe `next` is passed on."""
    login_url = resolve_url(settings.LOGIN_URL)
    next_url = request.GET.get("next", "")
    if request.user.is_authenticated:
        # An admin that turned a signed-in member away sends them here. A sign-in form would
        # puzzle them (they are signed in): the site's refusal page says why, in their
        # language; the admin's own note (in the admin's language) is dropped.
        list(messages.get_messages(request))
        raise PermissionDenied
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect_to_login(next_url, login_url)
    return redirect(login_url)
