"""The regular plural of a glossary term, for a term whose plural the organizers left
empty: matched in the source, written when the source was plural."""

from __future__ import annotations

import re

from .pieces import case_like

_CONJUNCTIONS = frozenset({"y", "e", "o", "u", "et", "ou", "and", "or"})


def regular_plural(text: str, language: str) -> str:
    """The plural a term takes by the usual rules of ``language``.

    Spanish and French pluralise the head noun and its adjectives, up to the first
    preposition (``economías sociales``, ``bancos de tiempo``); English the last word before
    one (``time banks``, ``banks of time``).
    """
    words = text.split(" ")
    if language == "en":
        stop = next(
            (i for i, w in enumerate(words) if w.lower() in ("of", "for", "in", "on", "with")),
            len(words),
        )
        if stop == 0:
            return text
        words[stop - 1] = _english_plural(words[stop - 1])
        return " ".join(words)
    single = _spanish_plural if language == "es" else _french_plural
    stops = {"de", "del", "du", "des", "à", "au", "aux", "a", "al", "en", "para", "pour"}
    plural: list[str] = []
    for position, word in enumerate(words):
        if word.lower() in stops or "'" in word or "’" in word:
            return " ".join(plural + words[position:])
        plural.append(word if word.lower() in _CONJUNCTIONS else single(word))
    return " ".join(plural)


_ENGLISH_IRREGULAR = {"man": "men", "woman": "women", "person": "people", "child": "children"}


def _english_plural(word: str) -> str:
    lower = word.lower()
    if lower in _ENGLISH_IRREGULAR:
        return case_like(word, _ENGLISH_IRREGULAR[lower])
    if re.search(r"[^aeiou]y$", lower):
        return word[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", lower):
        return word + "es"
    return word + "s"


_UNSTRESS = str.maketrans("áéíóú", "aeiou")


def _spanish_plural(word: str) -> str:
    lower = word.lower()
    if lower[-1:] in "aeiouáéó":
        return word + "s"
    if lower.endswith("z"):
        return word[:-1] + "ces"
    if (
        lower.endswith(("s", "x"))
        and len(lower) > 3
        and lower[-2] in "aeiou"
        and not re.search(r"[áéíóú]", lower)
    ):
        return word  # la crisis, las crisis; el lunes, los lunes
    if re.search(r"[áéíóú][nsl]$", lower):
        return word[:-2] + word[-2].translate(_UNSTRESS) + word[-1] + "es"  # región, regiones
    return word + "es"


def _french_plural(word: str) -> str:
    lower = word.lower()
    if lower.endswith(("s", "x", "z")):
        return word
    if lower.endswith(("au", "eu")) and lower not in ("bleu", "pneu"):
        return word + "x"
    if lower.endswith("al") and lower not in ("bal", "festival", "carnaval", "chacal", "final"):
        return word[:-2] + "aux"
    return word + "s"
