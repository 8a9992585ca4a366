"""A cache in each process's memory in front of a cache every process shares.

The rendered fragments of pages (forum/post_fragments.py) are kept under digests of what
they show, so an entry never goes stale: the same key always means the same HTML. With a
cache per process each gunicorn worker renders every block once for itself; the shared
tier (Redis in production) lets a block rendered by one worker serve the others, and the
memory tier spares the round trip to Redis for what this process read before.

    CACHES["fragments"] = {
        "BACKEND": "cms.tiered_cache.TieredCache",
        "LOCATION": "puentes-fragments",      # the memory tier's name
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 10_000, "SHARED": "default"},  # a CACHES alias
    }

Options: `SHARED`, the alias of the shared cache; `PREFIX`, before each key there (the
memory tier's name by default); the rest is the memory tier's (`MAX_ENTRIES`...).

With `SharedWritesMiddleware`, what a request writes goes to the shared tier in one round
trip at the end of the request (written through at once elsewhere: a task, a shell).

`clear()` empties this process's memory only: the shared tier's entries cannot go stale and
expire by themselves (Django's Redis `clear()` would empty the whole database, sessions
included).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpRequest, HttpResponse

#: The shared tier's writes of the request being answered, sent together at its end.
_pending: ContextVar[list[tuple[TieredCache, str, Any, Any, int | None]] | None] = ContextVar(
    "puentes_tiered_pending", default=None
)
#: The shared keys this request's `get_many` found missing: not asked again one by one.
_missing: ContextVar[set[str] | None] = ContextVar("puentes_tiered_missing", default=None)


class TieredCache(BaseCache):
    def __init__(self, name: str, params: dict[str, Any]) -> None:
        super().__init__(params)
        options = dict(params.get("OPTIONS") or {})
        self._shared_alias = options.pop("SHARED")
        #: Before each key in the shared tier: the memory tier's name unless told.
        self._prefix = f"tiered:{options.pop('PREFIX', name)}:"
        self.memory = LocMemCache(name, {"TIMEOUT": params.get("TIMEOUT", 300), "OPTIONS": options})

    @property
    def shared(self) -> BaseCache:
        return caches[self._shared_alias]

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        missing = object()
        value = self.memory.get(key, missing, version=version)
        if value is not missing:
            return value
        known_missing = _missing.get()
        if known_missing is not None and self._prefix + key in known_missing:
            return default
        value = self.shared.get(self._prefix + key, missing, version=version)
        if value is missing:
            return default
        self.memory.set(key, value, version=version)
        return value

    def get_many(self, keys: Any, version: int | None = None) -> dict[str, Any]:
        """Memory first, then the rest from the shared tier in one round trip (kept in
        memory for the `get` that follows)."""
        found = self.memory.get_many(keys, version=version)
        missing = [key for key in keys if key not in found]
        if missing:
            shared = self.shared.get_many([self._prefix + key for key in missing], version=version)
            known_missing = _missing.get()
            for key in missing:
                if self._prefix + key in shared:
                    found[key] = shared[self._prefix + key]
                    self.memory.set(key, found[key], version=version)
                elif known_missing is not None:
                    known_missing.add(self._prefix + key)
        return found

    def set(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        self.memory.set(key, value, timeout, version=version)
        known_missing = _missing.get()
        if known_missing is not None:
            known_missing.discard(self._prefix + key)
        pending = _pending.get()
        if pending is not None:
            pending.append((self, self._prefix + key, value, self._timeout(timeout), version))
        else:
            self.shared.set(self._prefix + key, value, self._timeout(timeout), version=version)

    def add(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        added = self.shared.add(self._prefix + key, value, self._timeout(timeout), version=version)
        if added:
            self.memory.set(key, value, timeout, version=version)
        return added

    def touch(self, key: str, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        self.memory.touch(key, timeout, version=version)
        return self.shared.touch(self._prefix + key, self._timeout(timeout), version=version)

    def delete(self, key: str, version: int | None = None) -> bool:
        in_memory = self.memory.delete(key, version=version)
        return self.shared.delete(self._prefix + key, version=version) or in_memory

    def clear(self) -> None:
        self.memory.clear()

    def _timeout(self, timeout: Any) -> Any:
        return self.default_timeout if timeout is DEFAULT_TIMEOUT else timeout


class SharedWritesMiddleware:
    """Sends what a request wrote to the shared tiers in one round trip per cache, once its
    response is rendered (a page that renders its fifteen post blocks for the first time
    writes thirty fragments: thirty round trips to Redis without it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token, missing_token = _pending.set([]), _missing.set(set())
        try:
            return self.get_response(request)
        finally:
            pending = _pending.get() or []
            _pending.reset(token)
            _missing.reset(missing_token)
            send(pending)


def send(pending: list[tuple[TieredCache, str, Any, Any, int | None]]) -> None:
    """One `set_many` per shared cache (and timeout and version) for a request's writes."""
    batches: dict[tuple[str, Any, int | None], dict[str, Any]] = defaultdict(dict)
    for tiered, key, value, timeout, version in pending:
        batches[(tiered._shared_alias, timeout, version)][key] = value
    for (alias, timeout, version), values in batches.items():
        caches[alias].set_many(values, timeout, version=version)
