"""Segment-level translation memory: an unchanged segment is never sent to an engine twice.

A translation that lost or mangled a placeholder would be shown as the untranslated
segment, a whole paragraph in the source language. Before that, the segment is translated
again one sentence at a time (all such segments in one more engine call) and each sentence
whose placeholders came back whole is kept: only a sentence the engine cannot carry the
markup of stays as written.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable

from django.db import connection
from django.db.models.constants import OnConflict
from django.utils import timezone

from translations.engines import Engine
from translations.engines.chunking import split_sentences
from translations.models import SegmentMemory

#: Markup placeholders and glossary tokens, as engines may write them (``{ 3 }``, ``{g1}``).
_TOKEN = re.compile(r"\{\s*([Gg]?)\s*(\d+)\s*\}")

Accepts = Callable[[str, str], bool]


def segment_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def translate_segments(
    segments: list[str],
    *,
    source: str,
    target: str,
    engine: Engine,
    accepts: Accepts | None = None,
) -> tuple[list[str], int]:
    """Translate ``segments``, asking the engine only for those the memory lacks.

    Returns the translations (in order) and how many segments went to the engine. One query
    reads the memory, one engine call translates every miss, one query stores the new ones.
    ``accepts(source, translation)`` keeps out of the memory a translation that lost its
    placeholders; such a segment is mended sentence by sentence (one more engine call for
    all of them), and what still fails is shown untranslated by the caller and gets
    another go next time.
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
        texts = list(missing.values())
        translated = engine.translate_batch(texts, source, target)
        if accepts is not None:
            translated = mend_by_sentence(
                texts, translated, accepts=accepts, source=source, target=target, engine=engine
            )
        fresh = dict(zip(missing.keys(), translated, strict=True))
        remember(
            [
                (digest, missing[digest], text)
                for digest, text in fresh.items()
                if accepts is None or accepts(missing[digest], text)
            ],
            source=source,
            target=target,
            engine=engine.name,
        )
        known.update(fresh)
    return [known[digest] for digest in digests], len(missing)


def remember(entries: list[tuple[str, str, str]], *, source: str, target: str, engine: str) -> None:
    """Store (digest, source text, translation) entries; one already there is kept.

    What ``SegmentMemory.objects.bulk_create(..., ignore_conflicts=True)`` does, as one
    INSERT run over plain tuples: a batch stores hundreds of segments, and a model instance
    built for each, its fields prepared one by one, was CPU time the worker spent for nothing.
    """
    if not entries:
        return
    meta = SegmentMemory._meta
    fields = {field.name: field for field in meta.concrete_fields}
    columns = [
        fields[name]
        for name in (
            "source_digest",
            "source_language",
            "target_language",
            "engine",
            "source_text",
            "translated_text",
            "created_at",
        )
    ]
    quote = connection.ops.quote_name
    ignore = OnConflict.IGNORE
    sql = (
        f"{connection.ops.insert_statement(on_conflict=ignore)} {quote(meta.db_table)} "
        f"({', '.join(quote(field.column) for field in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))}) "
        f"{connection.ops.on_conflict_suffix_sql(columns, ignore, None, None)}"
    ).rstrip()
    created = columns[-1].get_db_prep_save(timezone.now(), connection)
    with connection.cursor() as cursor:
        cursor.executemany(
            sql,
            [
                (digest, source, target, engine, text, translated, created)
                for digest, text, translated in entries
            ],
        )


def mend_by_sentence(
    texts: list[str],
    translated: list[str],
    *,
    accepts: Accepts,
    source: str,
    target: str,
    engine: Engine,
) -> list[str]:
    """``translated``, each refused translation redone sentence by sentence.

    A sentence whose placeholders come back all there is kept translated, the others as
    written; if the sentences put together still do not pass (pairs across sentences
    crossed), only sentences whose placeholders kept their order are kept translated.
    """
    refused = [
        i for i, (text, t) in enumerate(zip(texts, translated, strict=True)) if not accepts(text, t)
    ]
    sentences = {i: split_sentences(texts[i]) for i in refused}
    # A one-sentence segment would only come back the same.
    sentences = {i: parts for i, parts in sentences.items() if len(parts) > 1}
    if not sentences:
        return translated
    pieces = list(dict.fromkeys(part for parts in sentences.values() for part in parts))
    answers = dict(zip(pieces, engine.translate_batch(pieces, source, target), strict=True))
    mended = list(translated)
    for index, parts in sentences.items():
        for same in (_same_tokens, _same_order):
            joined = "".join(
                _spaced(part, answers[part]) if same(part, answers[part]) else part
                for part in parts
            )
            if accepts(texts[index], joined):
                mended[index] = joined
                break
    return mended


def _tokens(text: str) -> list[tuple[str, int]]:
    return [(match.group(1).upper(), int(match.group(2))) for match in _TOKEN.finditer(text)]


def _same_tokens(part: str, answer: str) -> bool:
    return Counter(_tokens(part)) == Counter(_tokens(answer))


def _same_order(part: str, answer: str) -> bool:
    return _tokens(part) == _tokens(answer)


def _spaced(part: str, answer: str) -> str:
    """The answer with the whitespace that ended the sentence, which joins it to the next."""
    return answer.rstrip() + part[len(part.rstrip()) :]
