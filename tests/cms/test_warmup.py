"""What a process warms before its first request or task (cms/warmup.py): both of lingua's
ways of reading a text. A text of 120 characters or more is read by its trigrams, a shorter
one (a subject) by its 1- to 5-letter sequences, each with models loaded on first use; a
worker warmed with long texts only spent its first seconds of work loading the others."""

from __future__ import annotations

from cms.warmup import SAMPLES
from translations.detection import MIN_LETTERS_OTHER, detect_language

#: lingua's own threshold between its two ways of reading.
LINGUA_LONG_TEXT = 120


def letters(text: str) -> int:
    return sum(char.isalpha() for char in text)


def test_each_language_is_warmed_with_a_long_text_and_a_subject():
    long_texts = {detect_language(t) for t in SAMPLES if len(t) >= LINGUA_LONG_TEXT}
    subjects = {
        detect_language(t, default="none")
        for t in SAMPLES
        if len(t) < LINGUA_LONG_TEXT and letters(t) >= MIN_LETTERS_OTHER
    }

    assert long_texts == {"es", "fr", "en"}
    assert subjects == {"es", "fr", "en"}  # long enough for the wider detector too
