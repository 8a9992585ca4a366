"""Which of the cohort's languages (es, fr, en) a post is written in.

lingua is restricted to the three languages the forum uses: fewer candidates are both
faster and more accurate on short posts. Code, URLs, mentions and markup are removed
first (they are mostly English whatever the post's language), and a post too short or
too close between two languages gets ``default`` rather than a guess.
"""

from __future__ import annotations

import logging
import threading

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from translations.markup import extract_segments

logger = logging.getLogger(__name__)

LANGUAGES = {Language.SPANISH: "es", Language.FRENCH: "fr", Language.ENGLISH: "en"}
#: Fewer letters than this say too little to tell the languages apart.
MIN_LETTERS = 5
#: How far ahead the best language must be; below it the text is ambiguous.
MIN_RELATIVE_DISTANCE = 0.25

_detector: LanguageDetector | None = None
_detector_lock = threading.Lock()


def detect_language(text: str, default: str | None = None) -> str | None:
    """The post's language code, or ``default`` if it cannot be told. Never raises."""
    try:
        prose = extract_segments(text or "").prose()
        if sum(char.isalpha() for char in prose) < MIN_LETTERS:
            return default
        language = _get_detector().detect_language_of(prose)
    except Exception:
        # A post must still be saved and shown if detection breaks; log it and move on.
        logger.exception("Language detection failed")
        return default
    return LANGUAGES.get(language, default) if language is not None else default


def _get_detector() -> LanguageDetector:
    """Build the detector once per process; building and loading models is expensive."""
    global _detector
    if _detector is None:
        with _detector_lock:
            if _detector is None:
                _detector = (
                    LanguageDetectorBuilder.from_languages(*LANGUAGES)
                    .with_minimum_relative_distance(MIN_RELATIVE_DISTANCE)
                    .build()
                )
    return _detector
