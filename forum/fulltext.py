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

import math
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

    PostgreSQL reads the newest rows first or the rows the word index gives, chosen on what
    the newest rows hold, not on the planner's guess: see `_postgresql_matches`.
    """
    allowed_sql, allowed_params = _subquery(allowed)
    window = "" if limit is None else " LIMIT %s OFFSET %s"
    window_params = [] if limit is None else [limit, offset]
    caps = [MAX_MATCHES + 1, MAX_MATCHES]
    if postgresql():
        return _postgresql_matches(kind, query, allowed, allowed_sql, allowed_params, limit, offset)
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


#: The rows read first, newest first, whole: what they hold decides how the rest is read
#: (enough to tell a word in a fifth of the posts from one in a tenth: three versions a post).
FIRST_ROWS = 1500
#: A row holding the words read through the word index (GIN) costs about as much as this
#: many rows read newest first (bench/search.py, 10,000 posts: 2.5-5 against 1.5-2
#: microseconds).
WORD_INDEX_COST = 2
#: The reader may see fewer than this share of the objects found first holding the words:
#: the objects they may see may be fewer than the rows the other ways would read.
FEW_SEEN = 0.5
#: The rows read newest first, once the share of them that matches is known: this much more
#: than the share says (the share varies along the posts).
MARGIN = 1.5


@dataclass(frozen=True)
class _Read:
    """What one statement read: the objects found, and how much it read to find them."""

    found: list[tuple[int, float]]
    #: Rows read; rows holding the words (whoever may see them); rows of this kind in all.
    rows: int
    hits: int
    table_rows: float
    #: Objects read, and those holding the words (whoever may see them).
    objects: int
    hit_objects: int
    #: The oldest object read whole: the next statement reads from the one before it.
    below: int | None


class _Reader(NamedTuple):
    """What every statement of one search reads with: the words and the reader's rights."""

    cursor: Any
    kind: str
    tsquery: str
    query_params: list
    allowed_sql: str
    allowed_params: list


def _postgresql_matches(
    kind: str,
    query: str,
    allowed: QuerySet | None,
    allowed_sql: str,
    allowed_params: list,
    limit: int | None,
    offset: int,
) -> Matches:
    """The page, on PostgreSQL, from the `MAX_MATCHES` + 1 newest objects found.

    Reading every row that holds a common word (half the posts) and ranking them all costs
    half a second at 100,000 posts; reading newest first and stopping costs what a rare
    word (or a reader who may see few posts) costs the other way. So what is read first
    decides, on what is found rather than on the planner's guess (words that go together,
    as "acceso al crédito", are guessed hundreds of times rarer than they are; the words
    are a parameter, `q` is materialized, the planner never sees them):

    1. The `FIRST_ROWS` newest rows (index on kind and object id), each checked against
       the words and, when it holds them, the reader's permissions.
    2. If fewer than `MAX_MATCHES` + 1 objects were found, the share found says how many
       more rows newest first would find them (with a `MARGIN`), and the share of rows
       holding the words how many rows the word index would read (each costing
       `WORD_INDEX_COST`): the cheaper is read, below what was read already.
    3. Still fewer (the share was not the same further back): the word index, below.

    When the reader may see few of the objects holding the words (fewer than
    `FEW_SEEN` of those found first), both ways read many rows for little: the objects
    the reader may see are counted, up to what the cheaper way would read, and if they
    are fewer, their rows are read instead (by the index on kind and object id).
    """
    tsquery, query_params = _tsquery(query)
    wanted = MAX_MATCHES + 1
    found: list[tuple[int, float]] = []
    with connection.cursor() as cursor:
        reader = _Reader(cursor, kind, tsquery, query_params, allowed_sql, allowed_params)
        read = _newest_rows(reader, rows=FIRST_ROWS, below=None)
        found += read.found
        if read.below is not None and len(found) < wanted:
            missing = wanted - len(found)
            per_found = read.rows / len(found) if found else float("inf")
            newest_first = missing * per_found * MARGIN
            by_words = WORD_INDEX_COST * read.hits / read.rows * read.table_rows
            below, enough = read.below, False
            cheaper = min(newest_first, by_words)
            if (
                allowed is not None
                and read.hit_objects
                and len(found) < FEW_SEEN * read.hit_objects
                and _fewer_seen(allowed, math.ceil(cheaper * read.objects / read.rows))
            ):
                found += _seen_rows(reader, below=below, objects=missing)
                enough = True
            elif newest_first <= by_words:
                rows = max(math.ceil(newest_first), FIRST_ROWS)
                more = _newest_objects(reader, rows=rows, below=below, objects=missing)
                if len(more) == missing:
                    found += more
                    enough = True
            if not enough:
                found += _indexed_rows(reader, below=below, objects=missing)
    newest = sorted(found, key=lambda item: -item[0])[:wanted]
    ranked = sorted(newest[:MAX_MATCHES], key=lambda item: (-item[1], -item[0]))
    page = ranked[offset:] if limit is None else ranked[offset : offset + limit]
    return Matches(len(newest), [Found(object_id, rank) for object_id, rank in page])


def _newest_rows(
    reader: _Reader,
    *,
    rows: int,
    below: int | None,
) -> _Read:
    """The objects found in the ``rows`` newest rows (object id at most ``below``), whole."""
    cursor, kind, tsquery, query_params, allowed_sql, allowed_params = reader
    older = "" if below is None else " AND object_id <= %s"
    older_params = [] if below is None else [below]
    cursor.execute(
        f"""WITH q AS MATERIALIZED (SELECT {tsquery} AS query),
        read AS MATERIALIZED (
            SELECT w.object_id, w.vector @@ (SELECT query FROM q) AS hit,
                   CASE WHEN w.vector @@ (SELECT query FROM q)
                        THEN ts_rank(w.vector, (SELECT query FROM q)) END AS rank
            FROM (
                SELECT object_id, vector FROM {TABLE} WHERE kind = %s{older}
                ORDER BY object_id DESC LIMIT %s
            ) w
        )
        SELECT NULL, NULL, count(*), count(*) FILTER (WHERE hit), min(object_id),
               (SELECT reltuples FROM pg_class WHERE oid = '{TABLE}'::regclass),
               count(DISTINCT object_id), count(DISTINCT object_id) FILTER (WHERE hit)
        FROM read
        UNION ALL
        SELECT d.object_id, d.rank, NULL, NULL, NULL, NULL, NULL, NULL FROM (
            SELECT object_id, max(rank) AS rank FROM read WHERE hit GROUP BY object_id
        ) d
        WHERE TRUE{allowed_sql}
        """,  # noqa: S608 (the names are ours; the words are parameters)
        [*query_params, kind, *older_params, rows, *allowed_params],
    )
    rows_read = cursor.fetchall()
    # The counts are the row without an object (UNION ALL keeps no order of its own).
    counts = next(row for row in rows_read if row[0] is None)
    _none, _rank, read_rows, hits, oldest, table_rows, objects_read, hit_objects = counts
    # Fewer rows than asked: every row down to the oldest was read. Otherwise the oldest
    # object may have rows further back: read again, whole, by the next statement.
    below = None if read_rows < rows else oldest
    return _Read(
        [
            (object_id, float(rank))
            for object_id, rank, *_counts in rows_read
            if object_id is not None and (below is None or object_id != below)
        ],
        rows=read_rows,
        hits=hits,
        table_rows=max(float(table_rows or 0), read_rows),
        objects=objects_read,
        hit_objects=hit_objects,
        below=below,
    )


def _fewer_seen(allowed: QuerySet, most: int) -> bool:
    """Whether the reader may see fewer than ``most`` objects (counted up to that)."""
    return allowed.order_by().values("pk")[:most].count() < most


def _seen_rows(
    reader: _Reader,
    *,
    below: int,
    objects: int,
) -> list[tuple[int, float]]:
    """The ``objects`` newest objects (object id at most ``below``) the reader may see that
    hold the words, read from the objects the reader may see: their rows are found by the
    index on kind and object id, then checked against the words (the subquery is fenced,
    `OFFSET 0`, so that the word index is not used instead)."""
    cursor, kind, tsquery, query_params, allowed_sql, allowed_params = reader
    cursor.execute(
        f"""WITH q AS MATERIALIZED (SELECT {tsquery} AS query)
        SELECT d.object_id, max(ts_rank(d.vector, (SELECT query FROM q))) FROM (
            SELECT d.object_id, d.vector FROM {TABLE} d
            WHERE d.kind = %s AND d.object_id <= %s{allowed_sql}
            OFFSET 0
        ) d
        WHERE d.vector @@ (SELECT query FROM q)
        GROUP BY d.object_id ORDER BY d.object_id DESC LIMIT %s
        """,  # noqa: S608 (the names are ours; the words are parameters)
        [*query_params, kind, below, *allowed_params, objects],
    )
    return [(object_id, float(rank)) for object_id, rank in cursor.fetchall()]


def _newest_objects(
    reader: _Reader,
    *,
    rows: int,
    below: int,
    objects: int,
) -> list[tuple[int, float]]:
    """The ``objects`` newest objects found in the ``rows`` newest rows (object id at most
    ``below``): the reading stops once they are found."""
    cursor, kind, tsquery, query_params, allowed_sql, allowed_params = reader
    cursor.execute(
        f"""WITH q AS MATERIALIZED (SELECT {tsquery} AS query)
        SELECT d.object_id, max(ts_rank(d.vector, (SELECT query FROM q)))
        FROM (
            SELECT object_id, vector FROM {TABLE} WHERE kind = %s AND object_id <= %s
            ORDER BY object_id DESC LIMIT %s
        ) d
        WHERE d.vector @@ (SELECT query FROM q){allowed_sql}
        GROUP BY d.object_id ORDER BY d.object_id DESC LIMIT %s
        """,  # noqa: S608 (the names are ours; the words are parameters)
        [*query_params, kind, below, rows, *allowed_params, objects],
    )
    return [(object_id, float(rank)) for object_id, rank in cursor.fetchall()]


def _indexed_rows(
    reader: _Reader,
    *,
    below: int,
    objects: int,
) -> list[tuple[int, float]]:
    """The ``objects`` newest objects (object id at most ``below``) holding the words, read
    through the word index: the reader's permissions are checked once an object, newest
    first until enough are found, and only those are ranked."""
    cursor, kind, tsquery, query_params, allowed_sql, allowed_params = reader
    cursor.execute(
        f"""WITH q AS MATERIALIZED (SELECT {tsquery} AS query),
        hit AS (
            SELECT DISTINCT d.object_id FROM {TABLE} d, q
            WHERE d.kind = %s AND d.object_id <= %s AND d.vector @@ q.query
        ),
        newest AS (
            SELECT d.object_id FROM hit d WHERE TRUE{allowed_sql}
            ORDER BY d.object_id DESC LIMIT %s
        )
        SELECT d.object_id, max(d.rank) FROM (
            SELECT d.object_id, ts_rank(d.vector, q.query) AS rank FROM {TABLE} d, q
            WHERE d.kind = %s AND d.object_id IN (SELECT object_id FROM newest)
              AND d.vector @@ q.query
            OFFSET 0
        ) d
        GROUP BY d.object_id
        """,  # noqa: S608 (the names are ours; the words are parameters)
        [*query_params, kind, below, *allowed_params, objects, kind],
    )
    return [(object_id, float(rank)) for object_id, rank in cursor.fetchall()]


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
