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

from typing import Any

from django.db import models

from members.kept import Kept

GENERATION = "puentes:texts-generation"
#: The longest a process keeps what it read (a write the ORM did not make, such as raw SQL,
#: shows after this at worst).
KEPT_SECONDS = 600
MAX_KEPT = 4096

TEXTS = Kept(GENERATION, seconds=KEPT_SECONDS, max_entries=MAX_KEPT)

#: `read()`'s answer, kept under `key` until a text or translation is written.
kept = TEXTS.get
#: A text or translation was written: once committed, every process reads again.
texts_written = TEXTS.written


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
