"""The index "This week", topic and week pages read machina's posts by (forum/migrations/
0007_posts_by_topic_and_date.py): each topic's posts by date, with whether they are approved
and who wrote them, so counting a member's unread posts reads the index alone."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_posts_are_indexed_by_topic_and_date():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "forum_conversation_post")

    index = constraints["puentes_post_topic_created"]

    assert index["index"] is True
    assert index["columns"] == ["topic_id", "created", "approved", "poster_id"]
