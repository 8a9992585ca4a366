"""Facts looked up once per page: the same question asked again while a page is built.

A topic page asks which course and which week its forum belongs to, whether the reader is
the week's key respondent or an organizer, and the topic's subject in the reader's language
from several template tags and views; each asked the database again. A function decorated
with `per_request` answers each distinct call once while a GET or HEAD request is being
answered (`RequestMemoMiddleware`), then forgets. Anywhere else (a POST, which may change
what it asks about, a worker's task, a shell, a test calling it directly) every call is
computed afresh, as without the decorator; a view that reads before it writes (a reply form
checked, then saved) may open the memo for the reads only (`remembering`).

Arguments must be hashable (ids, strings, model instances: hashed by primary key); a call
with an unhashable argument is computed afresh. Callers must not mutate what they get.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

from django.http import HttpRequest, HttpResponse

P = ParamSpec("P")
R = TypeVar("R")

_memo: ContextVar[dict[tuple, Any] | None] = ContextVar("puentes_request_memo", default=None)

#: Requests that change nothing the decorated functions read.
SAFE_METHODS = frozenset({"GET", "HEAD"})


def per_request(function: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(function)
    def remembered(*args: P.args, **kwargs: P.kwargs) -> R:
        memo = _memo.get()
        if memo is None:
            return function(*args, **kwargs)
        try:
            key = (function, args, tuple(sorted(kwargs.items())))
            return memo[key]
        except KeyError:
            value = memo[key] = function(*args, **kwargs)
            return value
        except TypeError:  # an unhashable argument
            return function(*args, **kwargs)

    return remembered


@contextmanager
def remembering() -> Iterator[None]:
    """The memo, open for the reads that come before a request writes (a form built and
    checked before it saves): `stop_remembering()` when the writes begin."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def stop_remembering() -> None:
    """Every call from here on is computed afresh: what comes next may change what the
    remembered answers were about."""
    _memo.set(None)


class RequestMemoMiddleware:
    """Opens the memo for a GET or HEAD request, forgets it with the response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in SAFE_METHODS:
            return self.get_response(request)
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


@per_request
def cache_generation(key: str) -> int:
    """A generation kept in the shared cache (moved on by `next_generation` when what it
    covers changes), read once per page: several lookups of a page carry it in their keys.
    It starts from the clock, so a generation lost with the cache (a flush, a restart) never
    comes back as one a process may still hold entries under."""
    from django.core.cache import cache

    value: Any = cache.get_or_set(key, time.time_ns, None)
    return int(value)


def shared_cache() -> bool:
    """Whether the default cache is shared between processes (Redis, in production): only
    then does a generation moved on by one process reach the others (the worker's, the
    other web processes'). The embedded default keeps a cache in each process's memory."""
    from django.core.cache import caches
    from django.core.cache.backends.dummy import DummyCache
    from django.core.cache.backends.locmem import LocMemCache

    return not isinstance(caches["default"], LocMemCache | DummyCache)


def next_generation(key: str, **kwargs: Any) -> None:
    """What `key` covers changed: every key carrying its generation is read again. Takes a
    signal's arguments, to be connected as a receiver."""
    from django.core.cache import cache

    try:
        cache.incr(key)
    except ValueError:  # not set (never read, or the cache was emptied)
        cache.add(key, time.time_ns(), None)
