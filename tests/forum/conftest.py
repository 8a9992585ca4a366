"""Shared by the translators' review tests: a post of the course week's forum (the forum and
the translator fixtures are in tests/conftest.py; the `row` helper in tests/forum/helpers.py)."""

from __future__ import annotations

import pytest

from tests.forum.helpers import member
from tests.translations.course_posts import course_post
from tests.translations.pipeline_helpers import CountingEngine
from translations import pipeline


@pytest.fixture
def post(forum):
    """A French post in the week's forum, machine-translated into es and en."""
    post = course_post(
        forum, member("fr"), content="Les coopératives ont besoin de crédit.", language="fr"
    )
    pipeline.translate_pending(post.pk, engine=CountingEngine())
    return post
