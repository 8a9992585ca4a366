"""LibreTranslate (often self-hosted, so no text leaves the organisation).

A single text goes through deep-translator's ``LibreTranslator.translate``; several go
in one JSON request with ``q`` as a list, which LibreTranslate accepts since 1.3. An older
server that refuses the list (or a batch above ``--batch-limit``) gets them one by one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from deep_translator import LibreTranslator

from translations.engines.base import Engine
from translations.engines.http import (
    DEFAULT_TIMEOUT,
    current_scope,
    http_scope,
    raise_for_response,
)
from translations.errors import TransientTranslationError

DEFAULT_URL = "https://libretranslate.com/"


class LibreTranslateEngine(Engine):
    name = "libretranslate"
    is_online = True
    max_chars = 5_000
    batch_size = 50
    max_request_chars = 20_000

    def __init__(
        self,
        *,
        url: str = DEFAULT_URL,
        api_key: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        proxies: dict[str, str] | None = None,
        batch_size: int | None = None,
    ) -> None:
        self.url = url if url.endswith("/") else f"{url}/"
        self.api_key = api_key or None
        self.timeout = timeout
        self.proxies = proxies
        if batch_size:
            self.batch_size = batch_size

    @contextlib.contextmanager
    def _connection(self) -> Iterator[None]:
        with http_scope(self.timeout, self.proxies):
            yield

    def _translate_request(self, texts: list[str], source: str, target: str) -> list[str]:
        translator = self._translator(source, target)
        if len(texts) > 1:
            batched = self._translate_list(texts, translator)
            if batched is not None:
                return batched
        return [translator.translate(text) for text in texts]

    def _translator(self, source: str, target: str) -> LibreTranslator:
        # The class insists on a key even for a self-hosted server that needs none; give
        # it a stand-in, then clear it so no ``api_key`` parameter is sent.
        translator = LibreTranslator(
            source=source,
            target=target,
            api_key=self.api_key or "not-needed",
            custom_url=self.url,
        )
        translator.api_key = self.api_key
        return translator

    def _translate_list(self, texts: list[str], translator: LibreTranslator) -> list[str] | None:
        body: dict[str, object] = {
            "q": texts,
            "source": translator.source,
            "target": translator.target,
            "format": "text",
        }
        if self.api_key:
            body["api_key"] = self.api_key
        response = current_scope().request("POST", f"{self.url}translate", json=body)
        if response.status_code == 400:
            # An older server refusing a list, or a batch over its limit: one by one
            # still works, and surfaces the real error if the texts themselves are bad.
            return None
        raise_for_response(response, "libretranslate")
        try:
            translated = response.json()["translatedText"]
        except (ValueError, KeyError, TypeError) as exc:
            raise TransientTranslationError(f"libretranslate: unreadable answer: {exc}") from exc
        if not isinstance(translated, list) or len(translated) != len(texts):
            return None
        return [str(text) for text in translated]
