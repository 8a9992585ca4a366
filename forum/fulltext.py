"""Full-text matching over the search documents (forum.search_index), on either database.

PostgreSQL: each row's `vector` is built with its language's configuration (Snowball
stemming, accents dropped: see the migration `0005_search_documents`); the reader's words
are parsed by `websearch_to_tsquery` in every language's configuration and the queries
OR-ed, so that "economía social" typed by a Spanish reader finds a French post through
its Spanish translation as well as a Spanish original. Ranked by `ts_rank`, highlighted by
`ts_headline`.

SQLite (the embedded default): an FTS5 table whose tokenizer drops accents; FTS5 has no
stemmer for our languages, so each word is searched as the prefix left once a common
inflection is cut off ("cooperativas" → cooperativ*). Ranked by `bm25`, highlighted by
`snippet`.

Both give the same contract: the ids of the matching objects, best first, with the total
in the same query; and, for the rows shown, an excerpt with the words found marked. Every
word must occur in one version (language) of the object. The database marks the words
found with control characters no text holds (the index strips them); the excerpt is
escaped, then the markers become `<mark>`: a text's own markup is never let through.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString

from members.languages import LANGUAGE_CODES

from .models import SearchDocument

START, STOP = "\x02", "\x03"
TABLE = SearchDocument._meta.db_table
FTS_TABLE = f"{TABLE}_fts"
#: Words of the excerpt around what was found.
EXCERPT_WORDS = 30
#: Inflections cut off a word before it is searched as a prefix on SQLite (longest first).
SUFFIXES = sorted(
    ["ciones", "ción", "tions", "tion", "mente", "ing", "es", "as", "os", "ed", "s", "a", "o", "e"],
    key=len,
    reverse=True,
)
#: A prefix shorter than this is searched as the whole word.
MIN_PREFIX = 4


@dataclass(frozen=True)
class Found:
    object_id: int
    rank: float


def postgresql() -> bool:
    return connection.vendor == "postgresql"


def configuration(language: str) -> str:
    return f"puentes_{language}" if language in LANGUAGE_CODES else "puentes_simple"


def _configurations() -> list[str]:
    return [configuration(code) for code in LANGUAGE_CODES] + ["puentes_simple"]


def _config_case(column: str) -> str:
    cases = " ".join(
        f"WHEN '{code}' THEN '{configuration(code)}'::regconfig" for code in LANGUAGE_CODES
    )
    return f"CASE {column} {cases} ELSE 'puentes_simple'::regconfig END"


def _tsquery(query: str) -> tuple[str, list[str]]:
    """The reader's words parsed in every language, OR-ed: SQL and its parameters."""
    parts = [f"websearch_to_tsquery('{config}', %s)" for config in _configurations()]
    return " || ".join(parts), [query] * len(parts)


# ---------------------------------------------------------------------------
# SQLite: an FTS5 expression from the reader's words
# ---------------------------------------------------------------------------
def _unaccented(word: str) -> str:
    return "".join(
        char for char in unicodedata.normalize("NFKD", word) if not unicodedata.combining(char)
    )


def light_stem(word: str) -> str:
    """The word less one common Spanish, French or English inflection (lower case)."""
    word = _unaccented(word.casefold())
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_PREFIX:
            return word[: -len(suffix)]
    return word


def fts_expression(query: str) -> str:
    """Every word (as a prefix once stemmed) must occur: an FTS5 MATCH expression."""
    terms = []
    for token in dict.fromkeys(re.findall(r"\w+", query.casefold())):
        if len(token) < 2:
            continue
        stem = light_stem(token)
        terms.append(f'"{stem}"*' if len(stem) >= MIN_PREFIX else f'"{token}"')
    return " AND ".join(terms)


# ---------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------
def _subquery(allowed: QuerySet | None) -> tuple[str, list]:
    if allowed is None:
        return "", []
    try:
        sql, params = allowed.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # nothing the reader may see
        return " AND FALSE", []
    return f" AND d.object_id IN ({sql})", list(params)


def match(
    kind: str,
    query: str,
    *,
    allowed: QuerySet | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[int, list[Found]]:
    """(how many objects of ``kind`` match, the page of them best first).

    ``allowed``: a queryset of the objects the reader may see (its ids are a subquery of
    the same statement); count and page come from one query.
    """
    allowed_sql, allowed_params = _subquery(allowed)
    window = "" if limit is None else " LIMIT %s OFFSET %s"
    window_params = [] if limit is None else [limit, offset]
    if postgresql():
        tsquery, query_params = _tsquery(query)
        sql = f"""
            WITH q AS (SELECT {tsquery} AS query),
            hits AS (
                SELECT d.object_id, max(ts_rank(d.vector, q.query)) AS rank
                FROM {TABLE} d, q
                WHERE d.kind = %s AND d.vector @@ q.query{allowed_sql}
                GROUP BY d.object_id
            )
            SELECT object_id, rank, count(*) OVER () FROM hits
            ORDER BY rank DESC, object_id DESC{window}
        """  # noqa: S608 (the names are ours; the words are parameters)
        params: list[Any] = [*query_params, kind, *allowed_params, *window_params]
    else:
        expression = fts_expression(query)
        if not expression:
            return 0, []
        # bm25 is lower for a better match; titles weigh more than bodies. (bm25 may not
        # be aggregated where it is computed.)
        sql = f"""
            WITH matched AS MATERIALIZED (
                SELECT rowid AS id, bm25({FTS_TABLE}, 4.0, 1.0) AS score
                FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s
            ),
            hits AS (
                SELECT d.object_id, min(m.score) AS rank
                FROM matched m JOIN {TABLE} d ON d.id = m.id
                WHERE d.kind = %s{allowed_sql}
                GROUP BY d.object_id
            )
            SELECT object_id, -rank, count(*) OVER () FROM hits
            ORDER BY rank ASC, object_id DESC{window}
        """  # noqa: S608 (the names are ours; the words are parameters)
        params = [expression, kind, *allowed_params, *window_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows and offset:
        # Past the last page: the count alone.
        total, _found = match(kind, query, allowed=allowed, limit=1, offset=0)
        return total, []
    total = rows[0][2] if rows else 0
    return total, [Found(object_id, float(rank)) for object_id, rank, _total in rows]


# ---------------------------------------------------------------------------
# Excerpts
# ---------------------------------------------------------------------------
def marked(text: str) -> SafeString:
    """The database's excerpt, escaped, with the words found in `<mark>`."""
    text = escape(text)
    return SafeString(text.replace(START, "<mark>").replace(STOP, "</mark>"))


def excerpts(
    kind: str, query: str, wanted: Iterable[tuple[int, str]]
) -> dict[tuple[int, str], SafeString]:
    """The excerpt of each (object id, language) row asked for, with the words marked.

    A row missing, or (on SQLite) one the words were not found in, has none: the caller
    shows its usual excerpt.
    """
    wanted = list(dict.fromkeys(wanted))
    if not wanted:
        return {}
    ids = sorted({object_id for object_id, _language in wanted})
    placeholders = ", ".join(["%s"] * len(ids))
    if postgresql():
        tsquery, query_params = _tsquery(query)
        options = (
            f"StartSel={START}, StopSel={STOP}, MaxWords={EXCERPT_WORDS}, MinWords=12, "
            'ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'
        )
        # A text no longer than an excerpt is shown whole, as written, not cut to the
        # fragment around the words found.
        whole = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"
        config = _config_case("d.language")
        sql = f"""
            WITH q AS (SELECT {tsquery} AS query)
            SELECT d.object_id, d.language,
                   CASE WHEN array_length(regexp_split_to_array(btrim(d.body), '\\s+'), 1) <= %s
                        THEN ts_headline({config}, d.body, q.query, %s)
                        ELSE ts_headline({config}, d.body, q.query, %s) END
            FROM {TABLE} d, q
            WHERE d.kind = %s AND d.object_id IN ({placeholders})
        """  # noqa: S608 (the names are ours; the words are parameters)
        params: list[Any] = [*query_params, EXCERPT_WORDS, whole, options, kind, *ids]
    else:
        expression = fts_expression(query)
        if not expression:
            return {}
        sql = f"""
            SELECT d.object_id, d.language,
                   snippet({FTS_TABLE}, 1, %s, %s, '…', {EXCERPT_WORDS})
            FROM {FTS_TABLE} JOIN {TABLE} d ON d.id = {FTS_TABLE}.rowid
            WHERE {FTS_TABLE} MATCH %s AND d.kind = %s AND d.object_id IN ({placeholders})
        """  # noqa: S608 (the names are ours; the words are parameters)
        params = [START, STOP, expression, kind, *ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    asked = set(wanted)
    return {
        (object_id, language): marked(text)
        for object_id, language, text in rows
        if (object_id, language) in asked and text and START in text
    }


def best_first(ids: Sequence[int], found: Sequence[Found]) -> list[int]:
    """``ids`` (a subset of the found ones) in the order they were found."""
    order = {item.object_id: position for position, item in enumerate(found)}
    return sorted(ids, key=lambda object_id: order.get(object_id, len(order)))
