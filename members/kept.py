"""Answers kept in each process between requests, under a generation in the shared cache.

Some facts every page asks change seldom: the texts of pages and forum names
(`translations.kept_texts`), which week and course a forum belongs to
(`courses.kept_structure`). Each process keeps the answers it computed under a generation
kept in the cache all processes share; the writes that change them move the generation on
once committed (`Kept.written`, a receiver), and the next page anywhere computes again.
A transaction that wrote reads the database, not what was kept. What is kept expires after
`seconds` in any case (a write the ORM did not make, such as raw SQL, shows after that at
worst).

Only where that cache is shared (Redis, in production): with a cache in each process's
memory (the embedded default) another process's writes could not reach this one, so every
call computes, as without it.
"""

from __future__ import annotations

import functools
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, ClassVar, TypeVar

from django.db import transaction

from .request_memo import cache_generation, next_generation, shared_cache

T = TypeVar("T")


def now_and_at_commit(action: Callable[[], object]) -> None:
    """A write moved what is kept elsewhere on: do `action` (forget it, move its generation
    on) now, for this transaction's own reads, and again once committed, as a read in
    another process between the two found the rows as they were, and kept them."""
    action()
    transaction.on_commit(action)


class Kept:
    #: Every instance, so that tests can forget what each process kept.
    everywhere: ClassVar[list[Kept]] = []

    def __init__(self, generation: str, *, seconds: float = 600, max_entries: int = 4096):
        Kept.everywhere.append(self)
        self.generation = generation
        self.seconds = seconds
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._kept: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._kept_generation: Any = None
        # One object, so that a transaction's pending callbacks can be recognised.
        self._move_on = functools.partial(next_generation, generation)

    def get(self, key: Hashable, read: Callable[[], T]) -> T:
        """`read()`'s answer, kept under `key` until a write moves the generation on.

        Callers must not change what they get: the next page gets the same objects."""
        if not shared_cache() or self.written_in_this_transaction():
            return read()
        current = cache_generation(self.generation)
        now = time.monotonic()
        with self._lock:
            if self._kept_generation != current:
                self._kept.clear()
                self._kept_generation = current
            found = self._kept.get(key)
            if found is not None and found[0] > now:
                self._kept.move_to_end(key)
                return found[1]
        value = read()
        with self._lock:
            if self._kept_generation == current:
                self._kept[key] = (now + self.seconds, value)
                while len(self._kept) > self.max_entries:
                    self._kept.popitem(last=False)
        return value

    def written(self, *args: Any, **kwargs: Any) -> None:
        """What the kept answers are about was written: once committed, every process
        computes again. Takes a signal's arguments, to be connected as a receiver."""
        transaction.on_commit(self._move_on)

    def written_in_this_transaction(self) -> bool:
        """A write not yet committed: this transaction reads its own rows."""
        connection = transaction.get_connection()
        return connection.in_atomic_block and any(
            entry[1] is self._move_on for entry in connection.run_on_commit
        )

    def forget(self) -> None:
        """This process's kept answers (tests)."""
        with self._lock:
            self._kept.clear()
            self._kept_generation = None

    @classmethod
    def forget_everything(cls) -> None:
        """What every instance kept in this process (tests)."""
        for kept in cls.everywhere:
            kept.forget()
