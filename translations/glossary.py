"""A course's glossary, applied around every engine: protect the terms, put the agreed ones back.

Before a segment goes to an engine (or to the translation memory), each glossary term in it
is replaced by a token like ``{G1}``, which Apertium and the online providers pass through
as an unknown word; after, each token becomes the term's agreed rendering in the target
language (or the text as written, for a name that is not translated).

A term is found in the singular and in the plural (the plural the organizers wrote, else
the regular one), and put back in the same number; the words next to it are then made to
agree with it (:mod:`translations.grammar`): ``una publicación``, ``l'économie sociale``.
In an English source, the adjectives right before a term go into its token with it, and
come back placed and agreeing as Spanish and French want: ``políticas públicas``.

Because the token is in the text the memory is keyed on, the memory never serves a
translation made before a term was added; and a rendering changed later applies at once,
since renderings are only put back after the memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from members.languages import LANGUAGE_CODES
from translations import grammar
from translations.grammar import TOKEN, Inserted, Modifier
from translations.grammar.morphology import analyse
from translations.models import GlossaryTerm

__all__ = ["TOKEN", "Glossary", "ProtectedSegment", "glossary_for", "term_mentioned"]


@dataclass(frozen=True)
class Rendering:
    """A term in one language: singular, plural and gender (empty: unknown)."""

    singular: str
    plural: str
    gender: str


@dataclass(frozen=True)
class Entry:
    """One way a term is written in the source language, and its renderings."""

    pattern: str
    renderings: dict[str, Rendering]
    keep_as_written: bool
    plural: bool = False


@dataclass(frozen=True)
class Match:
    """A term found in a segment: as written, which entry, and how it was written."""

    written: str
    entry: Entry
    #: Capitalised where a sentence does not start: a capital the author meant.
    capitalised: bool = False
    #: English adjectives right before it, taken out of the source with it.
    adjectives: tuple[Modifier, ...] = ()
    #: One English adjective right before it, left in the source for the engine.
    adjective_left: bool = False


@dataclass(frozen=True)
class ProtectedSegment:
    """A segment with its glossary terms swapped for tokens, and how to put them back."""

    source: str
    text: str
    matches: tuple[Match, ...]  # by token number - 1

    def restore(self, translated: str, target: str) -> str | None:
        """The translation with the agreed renderings; None if the engine lost a token."""
        if not self.matches:
            return translated
        numbers = sorted(int(match.group(1)) for match in TOKEN.finditer(translated))
        if numbers != list(range(1, len(self.matches) + 1)):
            return None
        inserted: dict[int, Inserted] = {}
        for number, match in enumerate(self.matches, start=1):
            term = _inserted(match, target)
            if term is None:
                return None
            inserted[number] = term
        return grammar.agree(translated, inserted, target)


def _inserted(match: Match, target: str) -> Inserted | None:
    """The term as it goes back; None if its adjectives cannot be (the dictionaries that
    translated them when the source was prepared are gone)."""
    entry = match.entry
    if entry.keep_as_written:
        return Inserted(match.written, name=True)
    rendering = entry.renderings.get(target)
    if rendering is None or not rendering.singular:
        return Inserted(match.written, name=True)
    adjectives = grammar.translate_adjectives(match.adjectives, target)
    if adjectives is None:
        return None
    return Inserted(
        rendering.plural if entry.plural else rendering.singular,
        gender=rendering.gender,
        plural=entry.plural,
        capitalised=match.capitalised,
        adjectives=adjectives,
        adjective_after=match.adjective_left,
    )


def renderings_of(term: GlossaryTerm) -> dict[str, Rendering]:
    """The term in each language, its plural and gender filled in where not given."""
    renderings = {}
    for code in LANGUAGE_CODES:
        singular = term.term(code).strip()
        plural = term.plural(code).strip() or (
            grammar.regular_plural(singular, code) if singular else ""
        )
        gender = term.gender(code) or (dictionary_gender(singular, code) if singular else "")
        renderings[code] = Rendering(singular, plural, gender)
    return renderings


def dictionary_gender(text: str, language: str) -> str:
    """The gender of the term's head noun (its first noun) in Apertium's dictionary; or,
    when the dictionary knows its first word only as an adjective, that adjective's
    ("cooperativa": a feminine adjective used as a noun)."""
    if language not in ("es", "fr"):
        return ""
    words = text.split()
    readings = analyse(language, words)
    for word in words:
        nouns = [reading for reading in readings.get(word, ()) if reading.category == "n"]
        if nouns:
            return nouns[0].gender if nouns[0].gender in ("m", "f") else ""
    first = readings.get(words[0], ()) if words else ()
    genders = {reading.gender for reading in first if reading.category == "adj"}
    return genders.pop() if len(genders) == 1 and genders <= {"m", "f"} else ""


class Glossary:
    """The terms of one course that can occur in texts of one source language."""

    def __init__(self, terms: Iterable[GlossaryTerm], source: str) -> None:
        self.source = source
        entries: dict[str, Entry] = {}
        for term in terms:
            if term.do_not_translate:
                names = {
                    code: Rendering(term.term(code).strip(), "", "") for code in LANGUAGE_CODES
                }
                for text in {rendering.singular for rendering in names.values()} - {""}:
                    entries.setdefault(text.casefold(), Entry(text, names, True))
                continue
            renderings = renderings_of(term)
            written = renderings[source]
            if not written.singular:
                continue
            entries.setdefault(
                written.singular.casefold(), Entry(written.singular, renderings, False)
            )
            if written.plural and written.plural.casefold() != written.singular.casefold():
                entries.setdefault(
                    written.plural.casefold(), Entry(written.plural, renderings, False, plural=True)
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
        matches: list[Match] = []

        def token(match: re.Match) -> str:
            # Every alternative is a named group (t0, t1, ...): one of them matched.
            entry = self.entries[int(str(match.lastgroup)[1:])]
            written = match.group()
            capitalised = (
                written[:1].isupper()
                and not entry.pattern[:1].isupper()
                and not grammar.starts_sentence(segment, match.start())
            )
            matches.append(Match(written, entry, capitalised))
            return f"{{G{len(matches)}}}"

        text = self._regex.sub(token, segment)
        if matches and self.source == "en":
            text, matches = _with_adjectives(text, matches)
        if matches:
            plural = frozenset(n for n, m in enumerate(matches, start=1) if m.entry.plural)
            text = grammar.prepare_source(text, self.source, plural)
        return ProtectedSegment(segment, text, tuple(matches))

    def mentions(self, text: str) -> bool:
        return self._regex is not None and self._regex.search(text) is not None


def _with_adjectives(text: str, matches: list[Match]) -> tuple[str, list[Match]]:
    """An English ``text`` whose terms took the adjectives right before them along."""
    # Only a term written in every other language can: its adjectives come back with it.
    translated = frozenset(
        number
        for number, match in enumerate(matches, start=1)
        if not match.entry.keep_as_written
        and all(
            match.entry.renderings[code].singular
            for code in grammar.ADJECTIVE_TARGETS
            if code in match.entry.renderings
        )
    )
    taken = grammar.take_english_adjectives(text, translated)
    return taken.text, [
        replace(
            match,
            adjectives=taken.adjectives.get(number, ()),
            adjective_left=number in taken.left,
        )
        for number, match in enumerate(matches, start=1)
    ]


def glossary_for(glossary: int | None, source: str) -> Glossary:
    """The terms of one glossary (numbered like the course it belongs to; None: none)."""
    if glossary is None:
        return Glossary([], source)
    return Glossary(GlossaryTerm.objects.filter(course_id=glossary), source)


def written_forms(term: GlossaryTerm) -> set[str]:
    """Every way the term can be written in a text: each language, singular and plural."""
    if term.do_not_translate:
        return {text for text in term.terms() if text.strip()}
    forms = set()
    for code, rendering in renderings_of(term).items():
        forms |= {rendering.singular, rendering.plural if term.term(code) else ""}
    return {form for form in forms if form.strip()}


def term_mentioned(term: GlossaryTerm, text: str) -> bool:
    """Whether ``text`` contains any written form of the term, in any language."""
    return any(
        Glossary([term], language).mentions(text)
        for language in LANGUAGE_CODES
        if term.term(language)
    )
