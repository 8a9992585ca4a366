"""A course's glossary, applied around every engine: protect the terms, put the agreed ones back.

Before a segment goes to an engine (or to the translation memory), each glossary term in it
is replaced by a token like ``{G1}``, which Apertium and the online providers pass through
as an unknown word; after, each token becomes the term's agreed rendering in the target
language (or the text as written, for a name that is not translated).

Because the token is in the text the memory is keyed on, the memory never serves a
translation made before a term was added; and a rendering changed later applies at once,
since renderings are only put back after the memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from members.languages import LANGUAGE_CODES
from translations.models import GlossaryTerm

#: Tolerant like the markup placeholders: engines sometimes write ``{ G1 }`` or ``{g1}``.
TOKEN = re.compile(r"\{\s*[Gg]\s*(\d+)\s*\}")


@dataclass(frozen=True)
class Entry:
    """One way a term is written in the source language, and its renderings."""

    pattern: str
    renderings: dict[str, str]
    keep_as_written: bool


@dataclass(frozen=True)
class ProtectedSegment:
    """A segment with its glossary terms swapped for tokens, and how to put them back."""

    source: str
    text: str
    matches: tuple[tuple[str, Entry], ...]  # (text as written, entry), by token number - 1

    def restore(self, translated: str, target: str) -> str | None:
        """The translation with the agreed renderings; None if the engine lost a token."""
        if not self.matches:
            return translated
        numbers = sorted(int(match.group(1)) for match in TOKEN.finditer(translated))
        if numbers != list(range(1, len(self.matches) + 1)):
            return None

        def rendering(match: re.Match) -> str:
            written, entry = self.matches[int(match.group(1)) - 1]
            if entry.keep_as_written:
                return written
            agreed = entry.renderings.get(target) or written
            if written[:1].isupper() and agreed[:1].islower():
                agreed = agreed[:1].upper() + agreed[1:]  # a term that starts a sentence
            return agreed

        return TOKEN.sub(rendering, translated)


class Glossary:
    """The terms of one course that can occur in texts of one source language."""

    def __init__(self, terms: Iterable[GlossaryTerm], source: str) -> None:
        entries: dict[str, Entry] = {}
        for term in terms:
            renderings = {code: term.term(code).strip() for code in LANGUAGE_CODES}
            written = [renderings[source]] if renderings[source] else []
            if term.do_not_translate:
                written = [text for text in renderings.values() if text]
            for text in written:
                entries.setdefault(
                    text.casefold(), Entry(text, renderings, bool(term.do_not_translate))
                )
        # Longest first, so "économie sociale et solidaire" wins over "économie sociale".
        self.entries = sorted(entries.values(), key=lambda entry: -len(entry.pattern))
        self._regex = (
            re.compile(
                "|".join(
                    rf"(?P<t{index}>(?<!\w){re.escape(entry.pattern)}(?!\w))"
                    for index, entry in enumerate(self.entries)
                ),
                re.IGNORECASE,
            )
            if self.entries
            else None
        )

    def __bool__(self) -> bool:
        return bool(self.entries)

    def protect(self, segment: str) -> ProtectedSegment:
        if self._regex is None:
            return ProtectedSegment(segment, segment, ())
        matches: list[tuple[str, Entry]] = []

        def token(match: re.Match) -> str:
            # Every alternative is a named group (t0, t1, ...): one of them matched.
            entry = self.entries[int(str(match.lastgroup)[1:])]
            matches.append((match.group(), entry))
            return f"{{G{len(matches)}}}"

        text = self._regex.sub(token, segment)
        return ProtectedSegment(segment, text, tuple(matches))

    def mentions(self, text: str) -> bool:
        return self._regex is not None and self._regex.search(text) is not None


def glossary_for(glossary: int | None, source: str) -> Glossary:
    """The terms of one glossary (numbered like the course it belongs to; None: none)."""
    if glossary is None:
        return Glossary([], source)
    return Glossary(GlossaryTerm.objects.filter(course_id=glossary), source)


def term_mentioned(term: GlossaryTerm, text: str) -> bool:
    """Whether ``text`` contains any written form of the term, in any language."""
    return any(
        Glossary([term], language).mentions(text)
        for language in LANGUAGE_CODES
        if term.term(language)
    )
