"""Segment-level translation memory: an unchanged segment is never sent to an engine twice."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from translations.engines import Engine
from translations.models import SegmentMemory


def segment_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def translate_segments(
    segments: list[str],
    *,
    source: str,
    target: str,
    engine: Engine,
    accepts: Callable[[str, str], bool] | None = None,
) -> tuple[list[str], int]:
    """Translate ``segments``, asking the engine only for those the memory lacks.

    Returns the translations (in order) and how many segments went to the engine. One query
    reads the memory, one engine call translates every miss, one query stores the new ones.
    ``accepts(source, translation)`` keeps out of the memory a translation that lost its
    placeholders: the caller shows that segment untranslated and the engine gets another go
    next time.
    """
    if not segments:
        return [], 0
    digests = [segment_digest(text) for text in segments]
    known = dict(
        SegmentMemory.objects.filter(
            source_digest__in=set(digests),
            source_language=source,
            target_language=target,
            engine=engine.name,
        ).values_list("source_digest", "translated_text")
    )
    missing: dict[str, str] = {}
    for digest, text in zip(digests, segments, strict=True):
        if digest not in known and digest not in missing:
            missing[digest] = text
    if missing:
        translated = engine.translate_batch(list(missing.values()), source, target)
        fresh = dict(zip(missing.keys(), translated, strict=True))
        SegmentMemory.objects.bulk_create(
            [
                SegmentMemory(
                    source_digest=digest,
                    source_language=source,
                    target_language=target,
                    engine=engine.name,
                    source_text=missing[digest],
                    translated_text=text,
                )
                for digest, text in fresh.items()
                if accepts is None or accepts(missing[digest], text)
            ],
            ignore_conflicts=True,
        )
        known.update(fresh)
    return [known[digest] for digest in digests], len(missing)
