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
in the same query; and, for the rows shown, an excerpt with the words found marked. A word
found in most posts of a large site would make the database rank every one of them (half a
second at 100,000 posts): only the `MAX_MATCHES` newest matching objects are ranked and
counted (the newest first by id, which the database reads from an index and stops), and
the total says when there are more. Every
word must occur in one version (language) of the object. The database marks the words
found with control characters no text holds (the index strips them); the excerpt is
escaped, then the markers become `<mark>`: a text's own markup is never let through.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

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
#: The matching objects ranked and counted at most: the newest (highest id) ones.
MAX_MATCHES = 1000


@dataclass(frozen=True)
class Found:
    object_id: int
    rank: float


class Matches(NamedTuple):
    """What `match` returns: ``total, found = match(...)``."""

    #: How many objects match, counted up to `MAX_MATCHES` + 1 (then: more than that).
    total: int
    #: The page asked for, best first, among the `MAX_MATCHES` newest matching objects.
    found: list[Found]

    @property
    def more(self) -> bool:
        """More objects match than are ranked (`MAX_MATCHES`)."""
        return self.total > MAX_MATCHES

    @property
    def ranked(self) -> int:
        """How many objects were ranked: the total, at most `MAX_MATCHES`."""
        return min(self.total, MAX_MATCHES)


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
) -> Matches:
    """(how many objects of ``kind`` match, the page of them best first).

    ``allowed``: a queryset of the objects the reader may see (its ids are a subquery of
    the same statement); count and page come from one query. Only the `MAX_MATCHES`
    newest matching objects are ranked; the count goes to one more, to say there are more.

    PostgreSQL reads the rows one of two ways, chosen on what is found, not on the
    planner's guess (words that go together, as "acceso al crédito", are guessed hundreds
    of times rarer than they are): see `_postgresql_rows`.
    """
    allowed_sql, allowed_params = _subquery(allowed)
    window = "" if limit is None else " LIMIT %s OFFSET %s"
    window_params = [] if limit is None else [limit, offset]
    caps = [MAX_MATCHES + 1, MAX_MATCHES]
    if postgresql():
        rows = _postgresql_rows(kind, query, allowed_sql, allowed_params, window, window_params)
    else:
        expression = fts_expression(query)
        if not expression:
            return Matches(0, [])
        # bm25 is lower for a better match; titles weigh more than bodies. (bm25 may not
        # be aggregated where it is computed.)
        sql = f"""
            WITH matched AS MATERIALIZED (
                SELECT rowid AS id, bm25({FTS_TABLE}, 4.0, 1.0) AS score
                FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s
            ),
            newest AS (
                SELECT d.object_id, min(m.score) AS rank
                FROM matched m JOIN {TABLE} d ON d.id = m.id
                WHERE d.kind = %s{allowed_sql}
                GROUP BY d.object_id
                ORDER BY d.object_id DESC
                LIMIT %s
            ),
            ranked AS (
                SELECT object_id, rank, count(*) OVER () AS total FROM newest
                ORDER BY object_id DESC LIMIT %s
            )
            SELECT object_id, -rank, total FROM ranked
            ORDER BY rank ASC, object_id DESC{window}
        """  # noqa: S608 (the names are ours; the words are parameters)
        params = [expression, kind, *allowed_params, *caps, *window_params]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
    if not rows and offset:
        # Past the last page: the count alone.
        return Matches(match(kind, query, allowed=allowed, limit=1, offset=0).total, [])
    total = rows[0][2] if rows else 0
    return Matches(total, [Found(object_id, float(rank)) for object_id, rank, _total in rows])


#: The ranking of the newest matches, from the `newest` rows (object id, rank): the
#: newest `MAX_MATCHES` kept, counted up to one more, then the page asked for, best first.
RANKED = """
    ranked AS (
        SELECT object_id, rank, count(*) OVER () AS total FROM newest
        ORDER BY object_id DESC LIMIT %s
    )
    SELECT object_id, rank, total FROM ranked ORDER BY rank DESC, object_id DESC"""


def _postgresql_rows(
    kind: str,
    query: str,
    allowed_sql: str,
    allowed_params: list,
    window: str,
    window_params: list,
) -> list[tuple]:
    """(object id, rank, total) of the page, on PostgreSQL.

    1. The newest rows are read from the index on (kind, object id), each checked against
       the words and the reader's permissions, until MAX_MATCHES + 1 objects are found
       (a thousand objects ranked, not every one that matches), within a window of about
       sqrt(3 x MAX_MATCHES x rows) rows (30,000 of 300,000): a common word stops early.
    2. Fewer found in the window (a rare word, or the reader may see few of the posts):
       the rows holding the words are read from the word index, ranked, kept.

    The words are a parameter of the statement (`q` is materialized), so the planner
    does not guess how many rows hold them (words that go together, as "acceso al
    crédito", are guessed hundreds of times rarer than they are): each statement's shape
    fixes how it is read.
    """
    tsquery, query_params = _tsquery(query)
    caps = [MAX_MATCHES + 1, MAX_MATCHES]
    words = f"WITH q AS MATERIALIZED (SELECT {tsquery} AS query),"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""{words}
            size AS (
                SELECT greatest(%s, sqrt(%s * greatest(reltuples, 0)))::bigint AS rows
                FROM pg_class WHERE oid = '{TABLE}'::regclass
            ),
            newest AS (
                SELECT d.object_id, max(ts_rank(d.vector, (SELECT query FROM q))) AS rank
                FROM (
                    SELECT id, object_id, vector FROM {TABLE} WHERE kind = %s
                    ORDER BY object_id DESC LIMIT (SELECT rows FROM size)
                ) d
                WHERE d.vector @@ (SELECT query FROM q){allowed_sql}
                GROUP BY d.object_id ORDER BY d.object_id DESC LIMIT %s
            ),{RANKED}{window}
            """,  # noqa: S608 (the names are ours; the words are parameters)
            [
                *query_params,
                6 * (MAX_MATCHES + 1),
                3 * (MAX_MATCHES + 1),
                kind,
                *allowed_params,
                *caps,
                *window_params,
            ],
        )
        rows = cursor.fetchall()
        # The window held MAX_MATCHES + 1 objects: the newest are all in it, whole.
        if rows and rows[0][2] > MAX_MATCHES:
            return rows
        cursor.execute(
            f"""{words}
            newest AS (
                SELECT d.object_id, max(ts_rank(d.vector, q.query)) AS rank
                FROM {TABLE} d, q
                WHERE d.kind = %s AND d.vector @@ q.query{allowed_sql}
                GROUP BY d.object_id ORDER BY d.object_id DESC LIMIT %s
            ),{RANKED}{window}
            """,  # noqa: S608 (the names are ours; the words are parameters)
            [*query_params, kind, *allowed_params, *caps, *window_params],
        )
        return cursor.fetchall()


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
    # Only the versions shown: ts_headline is the costly part, once a row.
    placeholders = ", ".join(["%s"] * len(ids))
    pairs = ", ".join(["(%s, %s)"] * len(wanted))
    only = f"d.object_id IN ({placeholders}) AND (d.object_id, d.language) IN ({pairs})"
    only_params = [*ids, *(value for pair in wanted for value in pair)]
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
            WHERE d.kind = %s AND {only}
        """  # noqa: S608 (the names are ours; the words are parameters)
        params: list[Any] = [*query_params, EXCERPT_WORDS, whole, options, kind, *only_params]
    else:
        expression = fts_expression(query)
        if not expression:
            return {}
        sql = f"""
            SELECT d.object_id, d.language,
                   snippet({FTS_TABLE}, 1, %s, %s, '…', {EXCERPT_WORDS})
            FROM {FTS_TABLE} JOIN {TABLE} d ON d.id = {FTS_TABLE}.rowid
            WHERE {FTS_TABLE} MATCH %s AND d.kind = %s AND {only}
        """  # noqa: S608 (the names are ours; the words are parameters)
        params = [START, STOP, expression, kind, *only_params]
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
