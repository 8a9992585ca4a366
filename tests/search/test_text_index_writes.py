"""A forum or page saved without a change to its texts writes no search row.

machina saves a post's forum (and the forum's parents) at every post to keep its counters.
When that save rewrote the forum's search rows, a post written while the worker stored the
same forums' translated names deadlocked on PostgreSQL: each transaction held a row the
other was waiting for (it broke the browser tests' demo loading). Only the rows that differ
are written now.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum.models import SearchDocument
from forum.search_index import index_object
from tests.forum.helpers import course_forum
from tests.search.helpers import written

pytestmark = pytest.mark.django_db

TABLE = SearchDocument._meta.db_table


def writes(queries) -> list[str]:
    return [
        query["sql"]
        for query in queries.captured_queries
        if TABLE in query["sql"] and query["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}
    ]


def rows(forum) -> dict[str, tuple[int, str, str]]:
    found = SearchDocument.objects.filter(kind=SearchDocument.Kind.FORUM, object_id=forum.pk)
    return {row.language: (row.pk, row.title, row.body) for row in found}


def test_a_post_written_in_a_forum_leaves_the_forums_search_rows_alone():
    forum = course_forum()
    before = rows(forum)
    assert before

    with CaptureQueriesContext(connection) as queries:
        written(forum, "Las cooperativas necesitan crédito.")

    assert not [sql for sql in writes(queries) if "'forum'" in sql]  # a post's rows only
    assert rows(forum) == before


def test_indexing_an_unchanged_forum_writes_nothing_and_a_renamed_one_its_rows():
    forum = course_forum()
    index_object(forum)
    before = rows(forum)

    with CaptureQueriesContext(connection) as queries:
        index_object(forum)
    assert writes(queries) == []
    assert rows(forum) == before

    forum.name = "Economía solidaria y crédito"
    forum.save()

    after = rows(forum)
    assert any("crédito" in title for _pk, title, _body in after.values())
    assert set(after) == set(before)
