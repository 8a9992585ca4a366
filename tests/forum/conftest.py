"""Shared by the translators' review tests: a course week's forum, a translator, a post
(their `row` helper is in tests/forum/helpers.py)."""

from __future__ import annotations

import pytest

from courses.enrollment import enroll
from courses.models import Role
from tests.forum.helpers import member
from tests.translations.course_posts import course_post, week_forum
from tests.translations.pipeline_helpers import CountingEngine
from translations import pipeline


@pytest.fixture
def forum(week, organizer):
    """The forum of the course's published week."""
    return week_forum(week, organizer)


@pytest.fixture
def translator(course):
    """A translator of the course who reads Spanish and English."""
    user = member("es", reads=["es", "en"])
    enroll(course=course, user=user, role=Role.TRANSLATOR)
    return user


@pytest.fixture
def post(forum):
    """A French post in the week's forum, machine-translated into es and en."""
    post = course_post(
        forum, member("fr"), content="Les coopératives ont besoin de crédit.", language="fr"
    )
    pipeline.translate_pending(post.pk, engine=CountingEngine())
    return post
