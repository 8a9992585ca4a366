"""DeepL through its official client.

deep-translator's DeepL class authenticates with the ``auth_key`` query parameter,
which DeepL switched off in January 2026; the official client sends the
``Authorization: DeepL-Auth-Key`` header and takes a list of texts per request.
"""

from __future__ import annotations

import threading
from typing import Any

import deepl
import requests
from deepl.http_client import HttpClient

from translations.engines.base import Engine
from translations.engines.http import DEFAULT_TIMEOUT, parse_retry_after
from translations.errors import (
    PermanentTranslationError,
    TransientTranslationError,
    TranslationError,
    error_for_status,
)


class _SingleAttemptHttpClient(HttpClient):
    """The client's transport with our timeout and no retries of its own.

    The stock client retries up to five times with back-off, holding a worker for
    minutes; the Celery task owns retrying, so here a failure surfaces at once, with
    the provider's Retry-After remembered for it.
    """

    def __init__(self, timeout: float, proxy: dict[str, str] | str | None = None) -> None:
        super().__init__(proxy=proxy, send_platform_info=False)
        self._timeout = timeout
        self._last = threading.local()

    def _remember(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        self._last.response = response

    @property
    def last_response(self) -> requests.Response | None:
        return getattr(self._last, "response", None)

    def _prepare_request(self, *args: Any, **kwargs: Any) -> requests.PreparedRequest:
        # Requests are prepared outside the session, so session hooks never see them.
        request = super()._prepare_request(*args, **kwargs)
        request.register_hook("response", self._remember)
        return request

    def _internal_request(
        self, request: Any, stream: bool, timeout: float = 0, **kwargs: Any
    ) -> tuple[int, Any]:
        self._last.response = None
        return super()._internal_request(request, stream, timeout=self._timeout, **kwargs)

    def _should_retry(self, response: Any, exception: Any, num_retries: int) -> bool:
        return False


class DeepLEngine(Engine):
    name = "deepl"
    is_online = True
    max_chars = 10_000
    # DeepL takes up to 50 texts and 128 KiB per request.
    batch_size = 50
    max_request_chars = 40_000

    def __init__(
        self,
        *,
        api_key: str,
        url: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        proxies: dict[str, str] | None = None,
        english_variant: str = "EN-GB",
    ) -> None:
        if not api_key:
            raise PermanentTranslationError("DeepL needs an API key")
        if url and not url.endswith("/"):
            url = f"{url}/"
        self.english_variant = english_variant
        self._client = deepl.DeepLClient(api_key, server_url=url, send_platform_info=False)
        # The client exposes no per-instance timeout or retry setting (only module
        # globals shared by every thread), so its transport is swapped for ours.
        self._client._client.close()
        self._transport = _SingleAttemptHttpClient(timeout, proxies)
        self._client._client = self._transport

    def _translate_request(self, texts: list[str], source: str, target: str) -> list[str]:
        target_code = self.english_variant if target == "en" else target.upper()
        try:
            results = self._client.translate_text(
                texts,
                source_lang=source.upper(),
                target_lang=target_code,
                preserve_formatting=True,
            )
        except deepl.DeepLException as exc:
            raise self._classify(exc) from exc
        # A list in, a list out: the single result is what a lone string would get back.
        if isinstance(results, deepl.TextResult):
            results = [results]
        return [result.text for result in results]

    def _classify(self, exc: deepl.DeepLException) -> TranslationError:
        response = self._transport.last_response
        retry_after = parse_retry_after(response)
        message = f"deepl: {exc}"
        if isinstance(exc, deepl.TooManyRequestsException):
            return TransientTranslationError(message, retry_after=retry_after)
        if isinstance(exc, deepl.AuthorizationException | deepl.QuotaExceededException):
            # A bad key stays bad, and a spent quota only returns next billing period.
            return PermanentTranslationError(message)
        if isinstance(exc, deepl.ConnectionException):
            if exc.should_retry:
                return TransientTranslationError(message)
            return PermanentTranslationError(message)
        status = exc.http_status_code or (response.status_code if response is not None else None)
        if status:
            return error_for_status(status, message, retry_after=retry_after)
        if exc.should_retry:
            return TransientTranslationError(message, retry_after=retry_after)
        return PermanentTranslationError(message)
