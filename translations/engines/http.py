"""HTTP plumbing for the online engines: timeouts, one session per batch, error mapping.

deep-translator calls the module-level ``requests.get``/``requests.post`` with no
timeout, so a hung provider would hang a Celery worker forever, and every call opens a
new connection. Rather than edit the library, each deep-translator module's ``requests``
name is pointed at :data:`_SCOPED_REQUESTS`, which behaves exactly like ``requests``
except inside :func:`http_scope`: there, calls go through the scope's session with its
timeout. The scope lives in a ``ContextVar``, so threads and other callers are unaffected.
"""

from __future__ import annotations

import contextlib
import contextvars
import email.utils
import time
import types
from collections.abc import Iterator
from typing import Any

import deep_translator.google
import deep_translator.libre
import deep_translator.microsoft
import requests
from deep_translator import exceptions as dt

from translations.errors import (
    PermanentTranslationError,
    TransientTranslationError,
    TranslationError,
    error_for_status,
)

#: A hung provider fails the call after this many seconds (per connect or read).
DEFAULT_TIMEOUT = 35.0


class HttpScope:
    """A session, its timeout, and the last answer seen (for status and Retry-After)."""

    def __init__(self, timeout: float, proxies: dict[str, str] | None = None) -> None:
        self.timeout = timeout
        self.session = requests.Session()
        if proxies:
            self.session.proxies.update(proxies)
        self.last_response: requests.Response | None = None
        self.session.hooks["response"].append(self._remember)

    def _remember(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        self.last_response = response

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", self.timeout)
        if kwargs.get("proxies") is None:
            kwargs.pop("proxies", None)
        return self.session.request(method, url, **kwargs)


_ACTIVE_SCOPE: contextvars.ContextVar[HttpScope | None] = contextvars.ContextVar(
    "puentes_http_scope", default=None
)


def current_scope() -> HttpScope:
    """The scope opened by the enclosing :func:`http_scope` (engines call it mid-batch)."""
    scope = _ACTIVE_SCOPE.get()
    if scope is None:
        raise RuntimeError("No HTTP scope is open; wrap the call in http_scope()")
    return scope


@contextlib.contextmanager
def http_scope(timeout: float, proxies: dict[str, str] | None = None) -> Iterator[HttpScope]:
    """Route deep-translator's requests through one timed session; map its errors."""
    scope = HttpScope(timeout, proxies)
    token = _ACTIVE_SCOPE.set(scope)
    try:
        yield scope
    except TranslationError:
        raise
    except Exception as exc:
        mapped = translation_error_from(exc, scope.last_response)
        if mapped is None:
            raise
        raise mapped from exc
    finally:
        _ACTIVE_SCOPE.reset(token)
        scope.session.close()


class _ScopedRequests(types.ModuleType):
    """Stand-in for the ``requests`` module inside deep-translator's provider modules."""

    def __getattr__(self, name: str) -> Any:
        return getattr(requests, name)

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        scope = _ACTIVE_SCOPE.get()
        if scope is None:  # Outside our engines: as upstream, but never without a timeout.
            timeout = kwargs.pop("timeout", None) or DEFAULT_TIMEOUT
            return requests.request(method, url, timeout=timeout, **kwargs)
        return scope.request(method, url, **kwargs)

    def get(self, url: str, params: Any = None, **kwargs: Any) -> requests.Response:
        return self.request("GET", url, params=params, **kwargs)

    def post(self, url: str, data: Any = None, json: Any = None, **kwargs: Any) -> Any:
        return self.request("POST", url, data=data, json=json, **kwargs)


_SCOPED_REQUESTS = _ScopedRequests("requests")
for _module in (deep_translator.google, deep_translator.libre, deep_translator.microsoft):
    _module.requests = _SCOPED_REQUESTS


def parse_retry_after(response: requests.Response | None) -> float | None:
    """Read ``Retry-After`` as seconds, whether given as a number or an HTTP date."""
    value = response.headers.get("Retry-After") if response is not None else None
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, when.timestamp() - time.time())


def raise_for_response(response: requests.Response, provider: str) -> None:
    """Raise the classified error for a non-2xx answer from a provider's JSON API."""
    if 200 <= response.status_code < 300:
        return
    raise error_for_status(
        response.status_code,
        f"{provider}: {response.text[:300]}",
        retry_after=parse_retry_after(response),
    )


_TRANSIENT_REQUEST_ERRORS = (
    requests.Timeout,
    requests.ConnectionError,
    requests.exceptions.ChunkedEncodingError,
)
_PERMANENT_DT_ERRORS = (
    dt.ApiKeyException,
    dt.AuthorizationException,
    dt.LanguageNotSupportedException,
    dt.InvalidSourceOrTargetLanguage,
    dt.NotValidPayload,
    dt.NotValidLength,
)


def translation_error_from(
    exc: BaseException, response: requests.Response | None = None
) -> TranslationError | None:
    """Classify an exception from requests or deep-translator; ``None`` if foreign.

    deep-translator drops the status code and headers, so the last response seen by the
    scope's session decides between "retry" and "give up" and supplies Retry-After.
    """
    retry_after = parse_retry_after(response)
    message = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, _TRANSIENT_REQUEST_ERRORS):
        return TransientTranslationError(message)
    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        return error_for_status(exc.response.status_code, message, retry_after=retry_after)
    if isinstance(exc, requests.RequestException):
        return PermanentTranslationError(message)
    if isinstance(exc, dt.TooManyRequests):
        return TransientTranslationError(message, retry_after=retry_after)
    if isinstance(exc, _PERMANENT_DT_ERRORS):
        return PermanentTranslationError(message)
    if isinstance(exc, dt.MicrosoftAPIerror):
        return _from_microsoft_error(exc, message, retry_after)
    if isinstance(exc, dt.RequestError | dt.ServerException):
        if response is not None and not 200 <= response.status_code < 300:
            return error_for_status(response.status_code, message, retry_after=retry_after)
        return TransientTranslationError(message, retry_after=retry_after)
    if isinstance(exc, dt.TranslationNotFound | dt.ElementNotFoundInGetRequest):
        # The provider answered with a page we could not read (often a captcha).
        return TransientTranslationError(message, retry_after=retry_after)
    if response is not None and response.status_code >= 400:
        # The library tripped over an error answer (LibreTranslator builds its 403
        # message from a key that may be None): the answer itself still decides.
        return error_for_status(response.status_code, message, retry_after=retry_after)
    return None


def _from_microsoft_error(
    exc: dt.MicrosoftAPIerror, message: str, retry_after: float | None
) -> TranslationError:
    # Microsoft error codes are six digits whose first three are the HTTP status.
    digits = "".join(ch for ch in exc.api_message.split("code", 1)[-1][:20] if ch.isdigit())
    status = int(digits[:3]) if len(digits) >= 3 else 500
    return error_for_status(status, message, retry_after=retry_after)
