"""Each member's permissions kept between requests.

Every page asks whether the reader may open the admin (Wagtail's user bar), and Django's
ModelBackend reads the member's permissions for it: two queries on every page, for an
answer that changes only when permissions or groups do. `KeptPermissionsMiddleware` hands
the backend what it would have read (the user's own `_user_perm_cache` and
`_group_perm_cache`, which the backend reads before asking the database), from the shared
cache, under a generation that any change moves on (receivers in members/apps.py): a
member's groups or permissions, a group's permissions, a group or permission saved or
deleted. Superusers and inactive members are never served kept permissions. Whether a
member is a site moderator (members/moderators.py, asked on every topic page) is kept
under the same generation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from .kept import now_and_at_commit
from .request_memo import cache_generation, next_generation

GENERATION = "puentes:permissions-generation"
KEPT_SECONDS = 600
SOURCES = ("user", "group")


def kept_permissions(user: Any) -> None:
    """Fills the backend's per-user caches of `user`'s permissions from the shared cache
    (reading and keeping them there on a miss)."""
    if not user.is_authenticated or not user.is_active or user.is_superuser:
        return
    generation = cache_generation(GENERATION)
    key = f"puentes:permissions:{generation}:{user.pk}"
    kept = cache.get(key)
    if kept is None:
        backend: Any = ModelBackend()  # its per-source reader is private, and untyped
        kept = {source: backend._get_permissions(user, None, source) for source in SOURCES}
        cache.set(key, kept, KEPT_SECONDS)
    for source in SOURCES:
        setattr(user, f"_{source}_perm_cache", set(kept[source]))


def forget_permissions(**kwargs: Any) -> None:
    """Permissions or groups changed: every member's are read again, now (this transaction's
    own reads) and once committed (a read elsewhere between the two kept the rows as they
    were, under the generation of now)."""
    now_and_at_commit(lambda: next_generation(GENERATION))


class KeptPermissionsMiddleware:
    """After AuthenticationMiddleware: a signed-in member's permissions from the cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None:
            kept_permissions(user)
        return self.get_response(request)
