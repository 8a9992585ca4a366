"""The page a visitor meets while the database is down: the site's layout, not a bare 500.

Django answers an exception it did not expect with ``handler500``; this one tells a lost
database (OperationalError, InterfaceError: refused, dropped or closed connections) from
other errors. A visitor then gets a 503 page in the site's layout and in the language the
request asks for (LocaleMiddleware: their cookie or browser; their profile needs the
database), saying the site is unavailable for a moment. A member who was sending a post
gets the page with their text in the form, to send again: nothing was saved, since the
forum's forms save whole or not at all (forum.views.SavedWhole). The page is rendered
with no request context: context processors and template tags would query the database.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template import loader
from django.utils import translation
from django.views.defaults import server_error

#: The fields of the forum's post and topic forms shown again; other fields travel hidden.
SHOWN_FIELDS = ("subject", "content")
#: Never written back into a page.
SECRET_WORDS = ("password", "csrfmiddlewaretoken", "token", "secret")
RETRY_AFTER = "30"  # seconds, for clients and proxies


def is_outage(error: BaseException | None) -> bool:
    """Whether the error, or one it came from, is the database being out of reach."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, OperationalError | InterfaceError):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def server_error_or_outage(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """``handler500``: the outage page for a lost database, Django's 500 page otherwise."""
    if not is_outage(sys.exc_info()[1]):
        return server_error(request, template_name)
    return outage_page(request)


def outage_page(request: HttpRequest) -> HttpResponse:
    kept: list[tuple[str, str]] = []
    hidden: list[tuple[str, str]] = []
    if request.method == "POST" and any(request.POST.get(name) for name in SHOWN_FIELDS):
        for name in request.POST:
            if any(word in name.lower() for word in SECRET_WORDS):
                continue
            for value in request.POST.getlist(name):
                (kept if name in SHOWN_FIELDS else hidden).append((name, value))
    context = {
        "LANGUAGE_CODE": translation.get_language() or "en",
        "was_post": request.method == "POST",
        "subject": dict(kept).get("subject", ""),
        "content": dict(kept).get("content", ""),
        "keeps_text": bool(kept),
        "hidden": hidden,
        "action": request.path,
        "csrf_token": get_token(request),
    }
    body = loader.render_to_string("outage.html", context)  # no request: no database
    response = HttpResponse(body, status=503)
    response["Retry-After"] = RETRY_AFTER
    return response
