"""Theme and region names (`taxonomy`) in every reader's language, like forum names.

A saved theme or region asks for the translation of its name (:func:`term_saved`, connected
in `CoursesConfig.ready`); :func:`shown_terms` gives the names of many terms in the
reader's language with two queries per kind of term; :func:`term_name` one name as text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings

from taxonomy.models import Region, Theme
from translations.shown_texts import ShownText, texts_of
from translations.texts import Text, forget_texts, request_texts


def request_term_texts(term: Theme | Region) -> int:
    return request_texts(
        term,
        [Text("name", term.name or "")],
        language=term.language_written or None,
        fallback_language=settings.LANGUAGE_CODE[:2],
    )


def term_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    if not raw:
        request_term_texts(instance)


def term_deleted(sender, instance, **kwargs) -> None:
    forget_texts(instance)


@dataclass(frozen=True)
class TermName:
    """A theme's or region's name as a reader gets it."""

    term: Theme | Region
    name: str
    #: The name as written, when `name` is its translation ("" otherwise).
    original: str = ""
    #: The language `name` is in, when translated; the original's language.
    target: str = ""
    source_language: str = ""

    @property
    def kind(self) -> str:
        return "region" if isinstance(self.term, Region) else "theme"


def _name_of(term: Theme | Region, shown: ShownText) -> TermName:
    if shown.original != term.name or not shown.has_translation:
        return TermName(term, term.name)
    return TermName(
        term,
        shown.translated,
        original=term.name,
        target=shown.target,
        source_language=shown.language or "",
    )


def shown_terms(
    terms: Sequence[Theme | Region], *, language: str, reads: Iterable[str] = ()
) -> list[TermName]:
    """Each term's name in `language` (or as written when the reader reads it), in order."""
    terms = list(terms)
    if not terms:
        return []
    texts = texts_of(terms, language=language, reads=reads)
    return [_name_of(term, item.get("name")) for term, item in zip(terms, texts, strict=True)]


def term_name(term: Theme | Region, *, language: str, reads: Iterable[str] = ()) -> str:
    return shown_terms([term], language=language, reads=reads)[0].name
