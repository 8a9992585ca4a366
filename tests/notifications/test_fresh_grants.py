"""The worker's emails read a member's forum grants from the database, never from the
cache of grants kept between requests (forum.permission_handler): on the embedded default
each process has its own cache, and the change that revokes a grant is seen by the process
that makes it, not by the worker."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from machina.core.db.models import get_model

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
