"""Which of the cohort's languages (es, fr, en) a post is written in, or none of them.

lingua is restricted to the three languages the forum uses: fewer candidates are both
faster and more accurate on short posts. Code, URLs, mentions and markup are removed
first (they are mostly English whatever the post's language), and a post too short or
too close between two languages gets ``default`` rather than a guess.

A very short text (a subject, a title: fewer than ``SHORT_TEXT_LETTERS`` letters) says
little; lingua's guess on two words is often wrong ("Sin broker": English). Its guess is
kept only when lingua is nearly sure of it, else the text gets ``default`` (its author's
language).

Restricted to three, lingua calls a German or Portuguese post French or Spanish, and the
engines then "translate" it into nonsense. So a post long enough is first put to a wider
detector, which also knows the languages nearest to ours (and any other script is none of
ours): when it is sure of one of those, the post is in ``OTHER_LANGUAGE``.
"""

from __future__ import annotations

import logging
import threading
import unicodedata
from collections.abc import Callable

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from translations.markup import extract_segments
from translations.models import OTHER_LANGUAGE

logger = logging.getLogger(__name__)

LANGUAGES = {Language.SPANISH: "es", Language.FRENCH: "fr", Language.ENGLISH: "en"}
#: Fewer letters than this say too little to tell the languages apart.
MIN_LETTERS = 5
#: How far ahead the best language must be; below it the text is ambiguous.
MIN_RELATIVE_DISTANCE = 0.25
#: Fewer letters than this make a short text (a subject, a title: two or three words)...
SHORT_TEXT_LETTERS = 30
#: ...whose language is taken from lingua only when it is this sure (of 1.0). Spanish,
#: French and English two-word subjects score 0.5 to 0.8 for a wrong guess, 0.9 and more
#: for a right one they tell apart ("Economía social" 1.0, "Merci beaucoup" 0.96).
SHORT_TEXT_CONFIDENCE = 0.85

#: Languages near ours, that the three-language detector would take for one of them.
NEIGHBOURS = [
    Language.PORTUGUESE,
    Language.ITALIAN,
    Language.CATALAN,
    Language.GERMAN,
    Language.DUTCH,
]
#: Fewer letters than this are too few to say that a text is in none of our languages.
MIN_LETTERS_OTHER = 20
#: How sure the wider detector must be of a neighbour (ours score far below it: a Spanish
#: sentence gives Portuguese 0.35 at most, a Portuguese one gives it 0.7 and more).
MIN_OTHER_CONFIDENCE = 0.6

_detectors: dict[str, LanguageDetector] = {}
_detector_lock = threading.Lock()


def detect_language(text: str, default: str | None = None) -> str | None:
    """The post's language code, ``OTHER_LANGUAGE`` when it is surely none of ours, or
    ``default`` if it cannot be told. Never raises."""
    try:
        prose = extract_segments(text or "").prose()
        letters = [char for char in prose if char.isalpha()]
        if len(letters) < MIN_LETTERS:
            return default
        if len(letters) >= MIN_LETTERS_OTHER and _in_another_language(prose, letters):
            return OTHER_LANGUAGE
        if len(letters) < SHORT_TEXT_LETTERS:
            return _short_text_language(prose, default)
        language = _get_detector().detect_language_of(prose)
    except Exception:
        # A post must still be saved and shown if detection breaks; log it and move on.
        logger.exception("Language detection failed")
        return default
    return LANGUAGES.get(language, default) if language is not None else default


def _short_text_language(prose: str, default: str | None) -> str | None:
    best = _get_detector().compute_language_confidence_values(prose)[0]
    if best.value < SHORT_TEXT_CONFIDENCE:
        return default
    return LANGUAGES.get(best.language, default)


def _in_another_language(prose: str, letters: list[str]) -> bool:
    latin = sum(unicodedata.name(char, "").startswith("LATIN") for char in letters)
    if latin < len(letters) / 2:
        return True  # Cyrillic, Arabic, Chinese…: es, fr and en are written in Latin letters
    best = _get_wide_detector().compute_language_confidence_values(prose)[0]
    return best.language not in LANGUAGES and best.value >= MIN_OTHER_CONFIDENCE


def _get_detector() -> LanguageDetector:
    return _built(
        "cohort",
        lambda: (
            LanguageDetectorBuilder.from_languages(*LANGUAGES)
            .with_minimum_relative_distance(MIN_RELATIVE_DISTANCE)
            .build()
        ),
    )


def _get_wide_detector() -> LanguageDetector:
    return _built(
        "wide", lambda: LanguageDetectorBuilder.from_languages(*LANGUAGES, *NEIGHBOURS).build()
    )


def _built(name: str, build: Callable[[], LanguageDetector]) -> LanguageDetector:
    """Build each detector once per process; building and loading models is expensive."""
    detector = _detectors.get(name)
    if detector is None:
        with _detector_lock:
            detector = _detectors.get(name)
            if detector is None:
                detector = _detectors[name] = build()
    return detector
