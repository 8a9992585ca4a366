"""Splitting long texts into pieces each provider accepts, so nothing is ever cut off.

Providers cap one text (Google's web endpoint refuses 5,000 characters or more), so a
long post is split on paragraph, then sentence, then word boundaries, and only as a last
resort mid-word. Every piece keeps the whitespace that followed it, so joining the
translated pieces restores the original separators.
"""

from __future__ import annotations

import re

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# After sentence punctuation (and any closing quotes or brackets), before whitespace.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…;。！？])[\"'»”’)\]]*\s+")
_WORD_BREAK = re.compile(r"\s+")
# Placeholders look like ``{12}``; a hard split must never cut through one.
_PLACEHOLDER = re.compile(r"\{\d+\}")


def split_text(text: str, limit: int) -> list[str]:
    """Return pieces of at most ``limit`` characters whose concatenation is ``text``."""
    if limit < 1:
        raise ValueError("limit must be positive")
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    for paragraph in _split_after(text, _PARAGRAPH_BREAK):
        if len(paragraph) <= limit:
            pieces.append(paragraph)
            continue
        for sentence in _split_after(paragraph, _SENTENCE_BREAK):
            if len(sentence) <= limit:
                pieces.append(sentence)
                continue
            for word in _split_after(sentence, _WORD_BREAK):
                pieces.extend(_hard_split(word, limit) if len(word) > limit else [word])
    return _pack(pieces, limit)


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, each with the whitespace after it (they join back to it)."""
    return _split_after(text, _SENTENCE_BREAK) if text else []


def _split_after(text: str, separator: re.Pattern[str]) -> list[str]:
    """Split ``text`` keeping each separator attached to the piece before it."""
    parts: list[str] = []
    start = 0
    for match in separator.finditer(text):
        if match.end() > start and match.start() > start:
            parts.append(text[start : match.end()])
            start = match.end()
    if start < len(text):
        parts.append(text[start:])
    return parts


def _hard_split(word: str, limit: int) -> list[str]:
    """Cut an unbreakable run, stepping back so placeholders and surrogates stay whole."""
    pieces: list[str] = []
    start = 0
    while len(word) - start > limit:
        cut = start + limit
        for match in _PLACEHOLDER.finditer(word, max(start, cut - 12), cut + 12):
            if match.start() < cut < match.end() and match.start() > start:
                cut = match.start()
        if "\udc00" <= word[cut] <= "\udfff" and cut - 1 > start:
            cut -= 1
        pieces.append(word[start:cut])
        start = cut
    pieces.append(word[start:])
    return pieces


def _pack(pieces: list[str], limit: int) -> list[str]:
    """Greedily merge neighbouring pieces so providers get few, full requests."""
    packed: list[str] = []
    for piece in pieces:
        if packed and len(packed[-1]) + len(piece) <= limit:
            packed[-1] += piece
        else:
            packed.append(piece)
    return packed
