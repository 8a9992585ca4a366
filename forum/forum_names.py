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

from translations.kept_texts import kept
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


#: The name and description a forum instance was loaded with (set at `post_init`).
_LOADED = "_puentes_loaded_texts"


def _texts_now(forum) -> tuple[str, str] | None:
    """The raw name and description, or None for a forum loaded without them (`only()`)."""
    values = forum.__dict__
    if "name" not in values or "description" not in values:
        return None
    return (values["name"], values["description"])


def forum_loaded(sender, instance, **kwargs) -> None:
    """post_init receiver: remember the texts as loaded."""
    setattr(instance, _LOADED, _texts_now(instance))


def texts_changed(forum, created: bool, *, seen_by: str) -> bool:
    """Whether this save may change the forum's name or description, as `seen_by` (a
    receiver's own name) last saw them. machina saves a forum on every post in it (its
    counts and last post): those saves change neither, and need no translation or index."""
    attribute = f"_puentes_texts_seen_by_{seen_by}"
    before = getattr(forum, attribute, getattr(forum, _LOADED, None))
    now = _texts_now(forum)
    setattr(forum, attribute, now)
    return created or before is None or now is None or before != now


def forum_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if not raw and texts_changed(instance, created, seen_by="forum_names"):
        request_forum_texts(instance)


def forum_deleted(sender, instance, **kwargs) -> None:
    TextSource.objects.filter(
        content_type=ContentType.objects.get_for_model(Forum), object_id=instance.pk
    ).delete()


def shown_names(*, language: str, reads: set[str], field: str = "name") -> dict[int, ShownText]:
    """Every forum's name (or description) as the reader gets it, by forum id (two queries,
    kept between requests: translations.kept_texts)."""
    sources, rows = kept(("forum_names", field, language), lambda: _stored(field, language))
    return {
        source.object_id: shown_text(
            source, rows.get(source.pk), {language, *reads}, language, False
        )
        for source in sources
    }


def _stored(field: str, language: str) -> tuple[list[TextSource], dict[int, TextTranslation]]:
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
    return sources, rows
