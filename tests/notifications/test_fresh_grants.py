"""The worker's emails read a member's forum grants as every process sees them now.

On the embedded default each process has its own cache, and the change that revokes a grant
is seen by the process that makes it, not by the worker: there the grants are read from the
database every time. Where the cache is shared (Redis, in production) the generation every
change moves on reaches the worker, and the kept grants are used (forum.permission_handler).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from machina.core.db.models import get_model

from courses.enrollment import withdraw
from forum.course_of import course_of_forum
from forum.permission_handler import FreshPermissionHandler, PermissionHandler
from tests.forum.helpers import course_forum, grant, member

pytestmark = pytest.mark.django_db

Forum: Any = get_model("forum", "Forum")
UserForumPermission: Any = get_model("forum_permission", "UserForumPermission")


def revoked_elsewhere(user) -> None:
    """What another process's change leaves here: rows gone, no signal in this process."""
    User.groups.through.objects.filter(user=user)._raw_delete("default")
    UserForumPermission.objects.filter(user=user).update(has_perm=False)


def readable(handler, user) -> set[int]:
    return {forum.pk for forum in handler.get_readable_forums(Forum.objects.all(), user)}


def test_a_grant_revoked_in_another_process_is_seen_by_the_worker_at_once():
    forum = course_forum()
    reader = member("en")
    grant(reader, forum)
    assert forum.pk in readable(PermissionHandler(), reader)  # now cached

    revoked_elsewhere(reader)

    assert forum.pk in readable(PermissionHandler(), reader)  # the cache: stale here
    assert forum.pk not in readable(FreshPermissionHandler(), reader)


@pytest.fixture
def shared(monkeypatch):
    """The cache as production's: one all processes share."""
    monkeypatch.setattr("forum.permission_handler.shared_cache", lambda: True)


def test_with_a_shared_cache_the_worker_uses_the_kept_grants(shared):
    forum = course_forum()
    reader = member("en")
    grant(reader, forum)
    assert forum.pk in readable(FreshPermissionHandler(), reader)

    with CaptureQueriesContext(connection) as queries:
        assert forum.pk in readable(FreshPermissionHandler(), reader)

    grant_queries = [q["sql"] for q in queries if "forum_permission" in q["sql"]]
    assert grant_queries == []


def test_with_a_shared_cache_a_revoked_grant_is_seen_by_the_worker_at_once(shared):
    forum = course_forum()
    reader = member("en")
    grant(reader, forum)
    assert forum.pk in readable(FreshPermissionHandler(), reader)  # kept

    withdraw(course=course_of_forum(forum.pk), user=reader)

    assert forum.pk not in readable(FreshPermissionHandler(), reader)


def test_grants_are_forgotten_again_when_the_change_commits(
    shared, django_capture_on_commit_callbacks
):
    """A reader elsewhere that computed the grants from the rows before the commit kept them
    under the generation the change moved to: the commit moves it on again."""
    from django.core.cache import cache

    from forum.permission_handler import GRANTS_GENERATION, forget_granted_forums

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        forget_granted_forums()
        during = cache.get(GRANTS_GENERATION)
    assert cache.get(GRANTS_GENERATION) != during
