"""What every engine shares: language codes, chunking, de-duplication and request grouping.

Each engine only implements ``_translate_request`` (one provider round trip for a few
texts); this base turns an arbitrary batch of segments into as few such round trips as
the provider's limits allow, and puts the answers back in order.
"""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import ClassVar

from translations.engines.chunking import split_text
from translations.errors import PermanentTranslationError, TransientTranslationError


def normalize_language(code: str) -> str:
    """Reduce ``es-ES``, ``fr_FR`` or ``EN`` to the bare lowercase code engines key on."""
    base = (code or "").replace("_", "-").split("-")[0].strip().lower()
    if not base:
        raise PermanentTranslationError(f"Not a language code: {code!r}")
    return base


class Engine(ABC):
    """Translate many short texts at once; subclasses say how one request is made."""

    #: Translation-memory key: a different engine gives different translations.
    name: ClassVar[str]
    is_online: ClassVar[bool]

    #: Longest single text the provider accepts (longer ones are split).
    max_chars: int = 5_000
    #: Most texts, and most characters, one request may carry.
    batch_size: int = 1
    max_request_chars: int = 5_000

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        """Translate each text from ``source`` into ``target``, keeping order and count."""
        source, target = normalize_language(source), normalize_language(target)
        texts = list(texts)
        if source == target or not texts:
            return texts
        plans = [[_Piece.of(chunk) for chunk in split_text(t, self.max_chars)] for t in texts]
        # Segments repeat (signatures, greetings); each distinct text travels once.
        pending = list(dict.fromkeys(p.core for plan in plans for p in plan if p.needs_engine))
        translated: dict[str, str] = {}
        if pending:
            with self._connection():
                for group in self._group(pending):
                    results = self._translate_request(group, source, target)
                    if len(results) != len(group):
                        raise TransientTranslationError(
                            f"{self.name} answered {len(results)} texts for {len(group)}"
                        )
                    for original, result in zip(group, results, strict=True):
                        translated[original] = original if result is None else result.strip()
        return ["".join(piece.render(translated) for piece in plan) for plan in plans]

    @abstractmethod
    def _translate_request(self, texts: list[str], source: str, target: str) -> list[str]:
        """Translate ``texts`` in one provider round trip (within the batch limits)."""

    @contextlib.contextmanager
    def _connection(self) -> Iterator[None]:
        """Hold whatever should outlive single requests of one batch (an HTTP session)."""
        yield

    def _group(self, texts: list[str]) -> Iterator[list[str]]:
        group: list[str] = []
        size = 0
        for text in texts:
            if group and (
                len(group) >= self.batch_size or size + len(text) > self.max_request_chars
            ):
                yield group
                group, size = [], 0
            group.append(text)
            size += len(text)
        if group:
            yield group


class _Piece:
    """One chunk of a text, with the whitespace around it kept out of the engine's reach.

    Providers strip or collapse surrounding whitespace (Google's scraper strips every
    answer), so it is set aside here and put back verbatim.
    """

    __slots__ = ("core", "leading", "trailing")

    def __init__(self, leading: str, core: str, trailing: str) -> None:
        self.leading, self.core, self.trailing = leading, core, trailing

    @classmethod
    def of(cls, chunk: str) -> _Piece:
        core = chunk.strip()
        if not core:
            return cls(chunk, "", "")
        start = chunk.index(core)
        return cls(chunk[:start], core, chunk[start + len(core) :])

    @property
    def needs_engine(self) -> bool:
        # Numbers, punctuation and lone placeholders read the same in every language.
        return any(char.isalpha() for char in self.core)

    def render(self, translated: dict[str, str]) -> str:
        return self.leading + translated.get(self.core, self.core) + self.trailing
