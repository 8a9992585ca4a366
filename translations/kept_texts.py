"""The stored texts and translations pages read, kept in each process between requests.

Every page reads texts stored by :mod:`translations.texts` (a course's and a week's titles
and introductions, readings, case studies, the forums' names): two queries a call, several
calls a page, for rows that change seldom (a page edited, a translation done or corrected,
a language detected). Each process keeps what it read under a generation that every write
to `TextSource` or `TextTranslation` moves on, in the cache all processes share, once the
write is committed: the next page anywhere reads the database again.

Writes are seen through the models' signals (save, delete, the rows a cascade deletes) and
through their querysets (`update()`, `delete()`, `bulk_create()`, `bulk_update()`: see
`TextQuerySet`), so every write the ORM makes counts. What is kept expires after
`KEPT_SECONDS` in any case.

Only where that cache is shared (Redis, in production): with a cache in each process's
memory (the embedded default) the worker's writes could not reach the web process, so
every call reads the database, as before.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.db import models, transaction

from members.request_memo import cache_generation, next_generation, shared_cache

T = TypeVar("T")

GENERATION = "puentes:texts-generation"
#: The longest a process keeps what it read (a write the ORM did not make, such as raw SQL,
#: shows after this at worst).
KEPT_SECONDS = 600
MAX_KEPT = 4096

_lock = threading.Lock()
_kept: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
_kept_generation: list[Any] = [None]


def kept(key: Hashable, read: Callable[[], T]) -> T:
    """`read()`'s answer, kept under `key` until a text or translation is written.

    Callers must not change what they get: the next page gets the same objects."""
    if not shared_cache() or _written_in_this_transaction():
        return read()
    current = cache_generation(GENERATION)
    now = time.monotonic()
    with _lock:
        if _kept_generation[0] != current:
            _kept.clear()
            _kept_generation[0] = current
        found = _kept.get(key)
        if found is not None and found[0] > now:
            _kept.move_to_end(key)
            return found[1]
    value = read()
    with _lock:
        if _kept_generation[0] == current:
            _kept[key] = (now + KEPT_SECONDS, value)
            while len(_kept) > MAX_KEPT:
                _kept.popitem(last=False)
    return value


def texts_written(*args: Any, **kwargs: Any) -> None:
    """A text or translation was written: once committed, every process reads again."""
    transaction.on_commit(_next_generation)


def _next_generation() -> None:
    next_generation(GENERATION)


def _written_in_this_transaction() -> bool:
    """A write not yet committed: this transaction reads its own rows, not the kept ones."""
    connection = transaction.get_connection()
    return connection.in_atomic_block and any(
        entry[1] is _next_generation for entry in connection.run_on_commit
    )


def forget_kept() -> None:
    """This process's kept rows (tests)."""
    with _lock:
        _kept.clear()
        _kept_generation[0] = None


class TextQuerySet(models.QuerySet):
    """A queryset whose bulk writes count as texts written (`kept`)."""

    def update(self, **kwargs: Any) -> int:
        count = super().update(**kwargs)
        if count:
            texts_written()
        return count

    def delete(self) -> tuple[int, dict[str, int]]:
        deleted = super().delete()
        if deleted[0]:
            texts_written()
        return deleted

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[Any]:
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            texts_written()
        return created

    def bulk_update(self, objs: Any, *args: Any, **kwargs: Any) -> int:
        count = super().bulk_update(objs, *args, **kwargs)
        if count:
            texts_written()
        return count
