"""A translated segment cut into pieces: words, spaces, other characters and glossary
tokens, so that the words next to a token can be found and changed in place."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A glossary token. Tolerant like the markup placeholders: engines sometimes write
#: ``{ G1 }`` or ``{g1}``.
TOKEN = re.compile(r"\{\s*[Gg]\s*(\d+)\s*\}")
_PIECE = re.compile(
    r"(?P<token>\{\s*[Gg]\s*\d+\s*\})"
    r"|(?P<word>[^\W\d_]+(?:[-'’][^\W\d_]+)*['’]?)"
    r"|(?P<space>[ \t\u00a0]+)"
    r"|(?P<other>.)",
    re.DOTALL,
)
_SENTENCE_END = frozenset(".!?\n")
#: What may stand between a sentence's end and its first word.
OPENING = frozenset("¿¡«\"“‘'([*_ \t\u00a0")


@dataclass
class Piece:
    kind: str  # "token", "word", "space", "other", or "term" (a token put back)
    text: str


def pieces(text: str) -> list[Piece]:
    """``l'{G1}`` is the word ``l'`` and the token: an elided word keeps its apostrophe."""
    return [Piece(str(match.lastgroup), match.group()) for match in _PIECE.finditer(text)]


def first_of_sentence(pieces: list[Piece], index: int) -> bool:
    """Whether piece ``index`` is the first word of a sentence."""
    index -= 1
    while index >= 0:
        piece = pieces[index]
        if piece.kind in ("word", "term", "token"):
            return False
        if piece.kind == "other" and piece.text in _SENTENCE_END:
            return True
        if piece.kind == "other" and piece.text not in OPENING:
            return False
        index -= 1
    return True


def starts_sentence(text: str, offset: int) -> bool:
    """Whether the word at ``offset`` in ``text`` is the first of a sentence."""
    found = pieces(text[:offset])
    return first_of_sentence(found, len(found))


def case_like(model: str, text: str) -> str:
    """``text``, capitalised if ``model`` is."""
    return text[:1].upper() + text[1:] if model[:1].isupper() else text


def with_capital(text: str) -> str:
    return text[:1].upper() + text[1:]
