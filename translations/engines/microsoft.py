"""Microsoft Translator (v3) with deep-translator's ``MicrosoftTranslator`` for set-up.

The class supplies language validation, headers and parameters; the request itself is
made here because the class sends one text per request (the API takes an array) and on
a network error it crashes on ``None.json()`` instead of raising.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any, ClassVar

from deep_translator import MicrosoftTranslator

from translations.engines.base import Engine
from translations.engines.http import (
    DEFAULT_TIMEOUT,
    HttpScope,
    current_scope,
    http_scope,
    raise_for_response,
)
from translations.errors import TransientTranslationError

DEFAULT_URL = "https://api.cognitive.microsofttranslator.com"


class _ConfigurableMicrosoftTranslator(MicrosoftTranslator):
    """Reads the language list from the configured host, with a timeout, once per host.

    Upstream fetches it from a hard-wired host with no timeout in ``__init__``.
    """

    _languages_cache: ClassVar[dict[str, dict[str, str]]] = {}

    def __init__(self, *, endpoint: str, scope: HttpScope, **kwargs: Any) -> None:
        self._endpoint = endpoint
        self._scope = scope
        super().__init__(**kwargs)
        self._base_url = f"{endpoint}/translate"

    def _get_supported_languages(self) -> dict[str, str]:
        if self._endpoint not in self._languages_cache:
            response = self._scope.request(
                "GET",
                f"{self._endpoint}/languages",
                params={"api-version": "3.0", "scope": "translation"},
            )
            raise_for_response(response, "microsoft")
            languages = response.json()["translation"]
            self._languages_cache[self._endpoint] = {
                details["name"].lower(): code.lower() for code, details in languages.items()
            }
        return self._languages_cache[self._endpoint]


class MicrosoftEngine(Engine):
    """Up to 100 texts per request; the API caps a request at 50,000 characters."""

    name = "microsoft"
    is_online = True
    max_chars = 5_000
    batch_size = 100
    max_request_chars = 40_000

    def __init__(
        self,
        *,
        api_key: str,
        region: str | None = None,
        url: str = DEFAULT_URL,
        timeout: float = DEFAULT_TIMEOUT,
        proxies: dict[str, str] | None = None,
    ) -> None:
        self.api_key = api_key
        self.region = region
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.proxies = proxies

    @contextlib.contextmanager
    def _connection(self) -> Iterator[None]:
        with http_scope(self.timeout, self.proxies):
            yield

    def _translate_request(self, texts: list[str], source: str, target: str) -> list[str]:
        scope = current_scope()
        translator = _ConfigurableMicrosoftTranslator(
            endpoint=self.url,
            scope=scope,
            source=source,
            target=target,
            api_key=self.api_key,
            region=self.region,
        )
        response = scope.request(
            "POST",
            translator._base_url,
            params={"api-version": "3.0", "from": translator.source, "to": translator.target},
            headers=translator.headers,
            json=[{"text": text} for text in texts],
        )
        raise_for_response(response, "microsoft")
        try:
            return [item["translations"][0]["text"] for item in response.json()]
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise TransientTranslationError(f"microsoft: unreadable answer: {exc}") from exc
