"""The one way a text is machine-translated: segments, glossary, memory, engine, and back.

Posts, page fields, forum names and the fidelity benchmark all go through
:func:`translate_texts`, so what is measured is what readers get. A text is Markdown (a
post; plain text is Markdown without markup, rebuilt span by span so nothing else changes)
or rich text (Wagtail's HTML). Only prose reaches the engine: markup, code, links' targets
and the glossary's terms are carried as placeholders and put back after; a segment that
lost one is kept as written, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from translations.engines import Engine
from translations.glossary import Glossary, ProtectedSegment
from translations.markup import extract_segments
from translations.memory import translate_segments
from translations.rich_text import extract_rich_text

Kind = Literal["markdown", "html"]


class _Document(Protocol):
    @property
    def segments(self) -> list[str]: ...

    def accepts(self, index: int, translated: str) -> bool: ...

    def rebuild(self, translated: list[str]) -> str: ...


@dataclass
class _Item:
    document: _Document
    index: int
    protected: ProtectedSegment


def capitalised_like(source: str, translated: str) -> str:
    """A segment that starts with a capital keeps it (Apertium writes "le Canada …")."""
    first = next((char for char in source if char.isalpha()), "")
    for index, char in enumerate(translated):
        if char.isalpha():
            if first.isupper() and char.islower():
                return translated[:index] + char.upper() + translated[index + 1 :]
            break
    return translated


def parse(text: str, kind: Kind) -> _Document:
    return extract_rich_text(text) if kind == "html" else extract_segments(text)


def translate_texts(
    texts: list[str],
    *,
    kind: Kind,
    source: str,
    target: str,
    engine: Engine,
    glossary: Glossary | None = None,
) -> tuple[list[str], int]:
    """Each text translated from ``source`` to ``target`` (one engine call for them all).

    Returns the translations, in order, and how many segments went to the engine (the
    memory answers the others). Raises the engine's TranslationError.
    """
    glossary = glossary or Glossary([], source)
    documents = [parse(text, kind) for text in texts]
    items: list[_Item] = []
    by_text: dict[str, _Item] = {}
    for document in documents:
        for index, segment in enumerate(document.segments):
            item = _Item(document, index, glossary.protect(segment))
            items.append(item)
            by_text.setdefault(item.protected.text, item)

    def accepts(text: str, translated: str) -> bool:
        item = by_text[text]
        restored = item.protected.restore(translated, target)
        return restored is not None and item.document.accepts(item.index, restored)

    raw, sent = translate_segments(
        [item.protected.text for item in items],
        source=source,
        target=target,
        engine=engine,
        accepts=accepts,
    )
    answers: dict[int, list[str]] = {id(document): [] for document in documents}
    for item, translated in zip(items, raw, strict=True):
        restored = item.protected.restore(translated, target)
        answers[id(item.document)].append(
            capitalised_like(item.protected.source, restored)
            if restored is not None
            else item.protected.source
        )
    return [document.rebuild(answers[id(document)]) for document in documents], sent
