"""Forum and category names (and descriptions) in every reader's language.

A forum's name and description are texts like a page's: saved forums ask for their
translation (:func:`forum_saved`), and :func:`shown_names` gives a page every forum name in
the reader's language with two queries, whatever the number of forums it lists.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from machina.core.db.models import get_model

from translations.models import TextSource, TextTranslation
from translations.shown_texts import ShownText, shown_text
from translations.texts import Text, request_texts

from .course_of import course_of_forum

Forum: Any = get_model("forum", "Forum")


def forum_texts(forum) -> list[Text]:
    description = forum.description.raw if forum.description is not None else ""
    return [Text("name", forum.name or ""), Text("description", description or "")]


def request_forum_texts(forum) -> int:
    course = course_of_forum(forum.pk)
    return request_texts(
        forum,
        forum_texts(forum),
        fallback_language=getattr(course, "language_written", "") or settings.LANGUAGE_CODE[:2],
        glossary=course.pk if course is not None else None,
    )


def forum_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if not raw:
        request_forum_texts(instance)


def forum_deleted(sender, instance, **kwargs) -> None:
    TextSource.objects.filter(
        content_type=ContentType.objects.get_for_model(Forum), object_id=instance.pk
    ).delete()


def shown_names(*, language: str, reads: set[str], field: str = "name") -> dict[int, ShownText]:
    """Every forum's name (or description) as the reader gets it, by forum id (two queries)."""
    sources = list(
        TextSource.objects.filter(
            content_type=ContentType.objects.get_for_model(Forum), field=field
        )
    )
    rows = {
        row.source_id: row
        for row in TextTranslation.objects.filter(source__in=sources, language=language).only(
            "source_id", "status", "text", "source_digest", "source_language", "reviewed_at"
        )
    }
    return {
        source.object_id: shown_text(
            source, rows.get(source.pk), {language, *reads}, language, False
        )
        for source in sources
    }
