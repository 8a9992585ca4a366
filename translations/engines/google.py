"""Google Translate through deep-translator's ``GoogleTranslator`` (the web endpoint)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from deep_translator import GoogleTranslator

from translations.engines.base import Engine
from translations.engines.http import DEFAULT_TIMEOUT, http_scope


class GoogleEngine(Engine):
    """One request per text (the endpoint takes one), all over one kept-alive session."""

    name = "google"
    is_online = True
    # deep-translator refuses 5,000 characters or more; the text also travels in the URL.
    max_chars = 4_500
    batch_size = 1
    max_request_chars = 4_500

    def __init__(
        self,
        *,
        url: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        proxies: dict[str, str] | None = None,
        max_chars: int | None = None,
    ) -> None:
        self.url = url
        self.timeout = timeout
        self.proxies = proxies
        if max_chars:
            self.max_chars = self.max_request_chars = min(max_chars, 4_999)

    @contextlib.contextmanager
    def _connection(self) -> Iterator[None]:
        with http_scope(self.timeout, self.proxies):
            yield

    def _translate_request(self, texts: list[str], source: str, target: str) -> list[str]:
        translator = self._translator(source, target)
        return [translator.translate(text) for text in texts]

    def _translator(self, source: str, target: str) -> GoogleTranslator:
        # A fresh instance per request: ``translate`` mutates the instance's URL
        # parameters, so sharing one between threads would mix texts up.
        translator = GoogleTranslator(source=source, target=target)
        if self.url:
            # The class takes its URL from a constant; ``translate`` reads the instance
            # attribute, so overriding that is enough to point it elsewhere.
            translator._base_url = self.url
        return translator
