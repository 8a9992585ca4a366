"""bench/load_data.py writes the load test's posts by bulk creation, which skips machina's
rendering of a post's Markdown: the posts and their translations are rendered all the same
(they were shown and indexed as the text "None"), and the load refuses to run over posts
without a body."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from machina.core.db.models import get_model

from tests.forum.helpers import course_forum, member
from translations.models import PostTranslation

BENCH = Path(__file__).resolve().parents[2] / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import load_data  # noqa: E402 (bench/ is put on the path above)

Post = get_model("forum_conversation", "Post")

pytestmark = pytest.mark.django_db


def test_the_posts_and_their_translations_are_rendered():
    load_data._posts([course_forum()], [member("es")], 30)

    posts = list(Post.objects.all())
    assert len(posts) == 30
    for post in posts:
        assert post.content.rendered not in (None, "", "None")
        assert post.content.rendered.startswith("<p>")
    # Spread over the last three days, oldest first (on SQLite as on PostgreSQL).
    created = [post.created for post in sorted(posts, key=lambda post: post.pk)]
    assert created == sorted(created)
    assert created[-1] - created[0] > dt.timedelta(days=2)
    translations = PostTranslation.objects.filter(post__in=posts)
    assert translations.count() == 60
    for translation in translations:
        assert (
            translation.content_rendered
            == Post.objects.get(pk=translation.post_id).content.rendered
        )


def test_the_load_refuses_posts_without_a_body():
    load_data._posts([course_forum()], [member("es")], 3)
    posts = list(Post.objects.all())
    Post.objects.filter(pk=posts[0].pk).update(_content_rendered=None)

    with pytest.raises(RuntimeError, match="1 posts and 0 translations"):
        load_data.refuse_empty_bodies(posts)


def test_the_load_refuses_translations_without_a_body():
    load_data._posts([course_forum()], [member("es")], 3)
    posts = list(Post.objects.all())
    PostTranslation.objects.filter(post=posts[1]).update(content_rendered="None")

    with pytest.raises(RuntimeError, match="0 posts and 2 translations"):
        load_data.refuse_empty_bodies(posts)
