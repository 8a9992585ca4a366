"""Apertium's dictionaries, asked word by word: what a word is, and its other forms.

The glossary makes the words next to an inserted term agree with it
(:mod:`translations.grammar`); for that it needs to know whether a word is an adjective
and of which gender, and to write its feminine or its plural. Apertium's own analysers
and generators (the ``.automorf.bin`` and ``.autogen.bin`` of the installed pairs, run by
``lt-proc``) know that for tens of thousands of words, irregular ones included; their
bilingual dictionaries (``.autobil.bin``) translate the English adjectives that travel
with a term (:mod:`.adjectives`).

Stateless on purpose: one ``lt-proc`` run per batch of words a process has not asked
about before (answers are cached), so an answer never depends on what was asked earlier.
Without Apertium every lookup answers "unknown", and agreement keeps to what its tables know.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

_DEFAULT_DATA_DIR = "/usr/share/apertium"
#: The analyser and the generator of each language, in the pairs that ship them (the
#: French–Spanish pair's Spanish first: its tags match its French ones).
_ANALYSERS = {
    "es": ("apertium-fr-es/es-fr.automorf.bin", "apertium-eng-spa/spa-eng.automorf.bin"),
    "fr": ("apertium-fr-es/fr-es.automorf.bin",),
    "en": ("apertium-eng-spa/eng-spa.automorf.bin",),
}
_GENERATORS = {
    "es": ("apertium-fr-es/fr-es.autogen.bin", "apertium-eng-spa/eng-spa.autogen.bin"),
    "fr": ("apertium-fr-es/es-fr.autogen.bin",),
    "en": ("apertium-eng-spa/spa-eng.autogen.bin",),
}
#: The bilingual dictionaries, by direction: what the engine's lexical transfer reads.
#: English to French goes through Spanish, as the engine does.
_BILINGUAL = {
    ("en", "es"): "apertium-eng-spa/eng-spa.autobil.bin",
    ("es", "fr"): "apertium-fr-es/es-fr.autobil.bin",
}
_LEXICAL_UNIT = re.compile(r"\^([^/$]*)/([^$]*)\$")
_READING = re.compile(r"([^<]*)((?:<[^>]+>)*)")
#: Characters with a meaning in Apertium's stream format: a word holding one is not asked.
_SPECIAL = re.compile(r"[\^$/<>{}\[\]\\@#*+~]")
_TIMEOUT = 20.0


@dataclass(frozen=True)
class Reading:
    """One analysis of a word: its lemma and tags (``nuevo``, ``("adj", "f", "sg")``)."""

    lemma: str
    tags: tuple[str, ...]

    @property
    def category(self) -> str:
        return self.tags[0] if self.tags else ""

    @property
    def gender(self) -> str:
        return next((tag for tag in self.tags if tag in ("m", "f", "mf", "nt")), "")

    @property
    def number(self) -> str:
        return next((tag for tag in self.tags if tag in ("sg", "pl", "sp")), "")

    def inflected(self, *, gender: str | None, number: str | None) -> Reading:
        """The same word with another gender or number (where the word has one)."""

        # A form for both numbers has its own in the other gender ("divers", "diverses").
        both = gender is not None and gender != self.gender and self.gender in ("m", "f")

        def swap(tag: str) -> str:
            if gender and tag in ("m", "f"):
                return gender
            if number and (tag in ("sg", "pl") or (both and tag == "sp")):
                return number
            return tag

        return Reading(self.lemma, tuple(swap(tag) for tag in self.tags))

    def stream(self) -> str:
        return "^" + self.lemma + "".join(f"<{tag}>" for tag in self.tags) + "$"


def _data_dir() -> Path:
    return Path(os.environ.get("APERTIUM_DATADIR", _DEFAULT_DATA_DIR))


@functools.cache
def _lt_proc() -> str | None:
    return shutil.which("lt-proc")


@functools.cache
def _dictionary(kind: str, language: str) -> str | None:
    candidates = (_ANALYSERS if kind == "analyser" else _GENERATORS).get(language, ())
    for relative in candidates:
        path = _data_dir() / relative
        if path.is_file():
            return str(path)
    return None


@functools.cache
def _bilingual(source: str, target: str) -> str | None:
    relative = _BILINGUAL.get((source, target))
    path = _data_dir() / relative if relative else None
    return str(path) if path is not None and path.is_file() else None


def available(language: str) -> bool:
    """Whether the dictionaries of ``language`` can be asked on this machine."""
    return bool(_lt_proc() and _dictionary("analyser", language))


def _run(flag: str, dictionary: str, lines: list[str]) -> list[str] | None:
    executable = _lt_proc()
    if executable is None:
        return None
    try:
        completed = subprocess.run(  # noqa: S603 -- a fixed program and flags, no shell
            [executable, flag, dictionary],
            input="\n".join(lines) + "\n",
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=_TIMEOUT,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        logger.exception("lt-proc %s %s failed", flag, dictionary)
        return None
    return completed.stdout.split("\n")


#: Answers already given, by language and word (or reading). Cleared when they grow past
#: ``_CACHE_SIZE``: a long-running worker meets new words for ever.
_analysed: dict[tuple[str, str], tuple[Reading, ...]] = {}
_generated: dict[tuple[str, str], str | None] = {}
_transferred: dict[tuple[str, str, str], Reading | None] = {}
_CACHE_SIZE = 50_000


def analyse(language: str, words: Iterable[str]) -> dict[str, tuple[Reading, ...]]:
    """Each word's readings in ``language`` (none for a word the dictionary lacks)."""
    words = list(dict.fromkeys(words))
    if len(_analysed) > _CACHE_SIZE:
        _analysed.clear()
    dictionary = _dictionary("analyser", language)
    missing = [
        word
        for word in words
        if (language, word) not in _analysed and word.strip() and not _SPECIAL.search(word)
    ]
    if missing and dictionary is not None:
        # -w: lemmas in the dictionary's case, so a capitalised word is found as itself.
        lines = _run("-w", dictionary, missing) or []
        units = [_LEXICAL_UNIT.search(line) for line in lines if line.strip()]
        if len(units) == len(missing) and all(units):
            for word, unit in zip(missing, units, strict=True):
                _analysed[language, word] = _readings(unit.group(2))  # type: ignore[union-attr]
    return {word: _analysed.get((language, word), ()) for word in words}


def _readings(analyses: str) -> tuple[Reading, ...]:
    if analyses.startswith("*"):
        return ()  # unknown to the dictionary
    readings = []
    for analysis in analyses.split("/"):
        if "+" in analysis:
            continue  # a contraction ("del" = de + el): not one word to inflect
        match = _READING.fullmatch(analysis)
        if match is not None:
            tags = tuple(tag.strip("<>") for tag in re.findall(r"<[^>]+>", match.group(2)))
            readings.append(Reading(match.group(1), tags))
    return tuple(readings)


def generate(language: str, readings: Iterable[Reading]) -> dict[Reading, str | None]:
    """The written form of each reading in ``language``; None where there is none."""
    readings = list(dict.fromkeys(readings))
    if len(_generated) > _CACHE_SIZE:
        _generated.clear()
    dictionary = _dictionary("generator", language)
    missing = [
        reading
        for reading in readings
        if (language, reading.stream()) not in _generated and not _SPECIAL.search(reading.lemma)
    ]
    if missing and dictionary is not None:
        lines = _run("-g", dictionary, [reading.stream() for reading in missing])
        forms = [line for line in lines or [] if line.strip()]
        if len(forms) == len(missing):
            for reading, form in zip(missing, forms, strict=True):
                # "#word": the generator has no such form; "~": a form left for post-generation.
                clean = form.strip().lstrip("~")
                _generated[language, reading.stream()] = (
                    None if "#" in clean or "<" in clean or not clean else clean
                )
    return {reading: _generated.get((language, reading.stream())) for reading in readings}


def transfer(
    source: str, target: str, readings: Iterable[Reading]
) -> dict[Reading, Reading | None]:
    """Each reading's translation in the bilingual dictionary from ``source`` to ``target``
    (the first the dictionary gives, as the engine's transfer takes it); None where it has
    none. English to French through Spanish."""
    readings = list(dict.fromkeys(readings))
    if source == "en" and target == "fr":
        spanish = transfer("en", "es", readings)
        # The Spanish side of the French pair wants a full analysis: try the two genders
        # a Spanish adjective can have in its dictionary (nuevo <m>, social <mf>).
        tried = {
            reading: [
                Reading(found.lemma, (found.category, gender, "sg")) for gender in ("m", "mf")
            ]
            for reading, found in spanish.items()
            if found is not None
        }
        french = transfer("es", "fr", [c for candidates in tried.values() for c in candidates])
        return {
            reading: next((french[c] for c in tried.get(reading, ()) if french[c]), None)
            for reading in readings
        }
    if len(_transferred) > _CACHE_SIZE:
        _transferred.clear()
    dictionary = _bilingual(source, target)
    missing = [
        reading
        for reading in readings
        if (source, target, reading.stream()) not in _transferred
        and not _SPECIAL.search(reading.lemma)
    ]
    if missing and dictionary is not None:
        lines = _run("-b", dictionary, [reading.stream() for reading in missing]) or []
        units = [_LEXICAL_UNIT.search(line) for line in lines if line.strip()]
        if len(units) == len(missing) and all(units):
            for reading, unit in zip(missing, units, strict=True):
                first = unit.group(2).split("/")[0]  # type: ignore[union-attr]
                found = _readings(first)
                _transferred[source, target, reading.stream()] = (
                    found[0] if found and not first.startswith("@") and found[0].lemma else None
                )
    return {r: _transferred.get((source, target, r.stream())) for r in readings}
