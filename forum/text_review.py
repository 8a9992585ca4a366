"""Translators at work on the texts of pages and forums: their rows in the review queue.

A page's texts (its title, introduction, readings, questions, a case study's every field)
and a forum's name and description are translated field by field (`translations.texts`).
The review queue lists their machine translations beside those of posts, each with its
field named in words, the original and the machine's text; only the texts of pages and
forums the translator may see (`forum.readable_texts`). The texts beyond courses (projects,
communities, member profiles, registered in `forum.reviewable_texts`) come too, when no course
or week is chosen: they belong to none. The editor of one text is `forum.text_editor`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField
from wagtail.models import Page

from courses.models import CoursePage
from translations.models import TextSource, TextTranslation

from . import reviewable_texts
from .readable_texts import (
    Forum,
    ForumRequest,
    course_sources,
    forum_content_type_id,
    page_content_type_ids,
)

Status = TextTranslation.Status

FORUM_FIELDS = {"name": _("forum name"), "description": _("forum description")}


def text_queue(
    request: ForumRequest,
    courses: list[CoursePage],
    *,
    week_forum_id: int | None = None,
    source: str = "",
    target: str = "",
    page_id: int | None = None,
) -> QuerySet[TextTranslation]:
    """Machine translations of page and forum texts nobody has reviewed yet, newest first.

    With ``page_id`` (a translator's "Edit translation" from a page), that page's texts,
    reviewed ones included, so that a reviewed text can be corrected again.
    """
    sources = course_sources(request, courses, week_forum_id)
    rows = TextTranslation.objects.filter(status=Status.DONE, source__in=sources)
    if page_id:
        rows = rows.filter(
            source__content_type_id__in=page_content_type_ids(), source__object_id=page_id
        )
    else:
        rows = rows.filter(reviewed_at__isnull=True)
    return in_languages(rows, source, target)


def network_text_queue(
    request: ForumRequest, *, source: str = "", target: str = ""
) -> QuerySet[TextTranslation]:
    """Machine translations nobody has reviewed yet of the texts beyond courses (projects,
    communities, profiles) that this translator may see, newest first."""
    rows = TextTranslation.objects.filter(
        status=Status.DONE,
        reviewed_at__isnull=True,
        source__in=reviewable_texts.readable_sources(request.user),
    )
    return in_languages(rows, source, target)


def in_languages(
    rows: QuerySet[TextTranslation], source: str, target: str
) -> QuerySet[TextTranslation]:
    if source:
        rows = rows.filter(source_language=source)
    if target:
        rows = rows.filter(language=target)
    return rows.select_related("source").order_by("-translated_at", "-pk")


def field_label(obj: Any, field: str) -> str:
    """The field of the text, in words: "introduction", "Readings 2 (Excerpt): title"."""
    entry = reviewable_texts.entry_of(obj)
    if entry is not None:
        return str(capfirst(entry.field_label(field)))
    if not isinstance(obj, Page):
        return str(capfirst(FORUM_FIELDS.get(field, field)))
    block_id, _dot, part = field.partition(".")
    if not part:
        try:
            return str(capfirst(obj._meta.get_field(field).verbose_name))
        except Exception:  # a field the model no longer has (FieldDoesNotExist)
            return field
    for model_field in obj._meta.fields:
        if not isinstance(model_field, StreamField):
            continue
        for number, child in enumerate(getattr(obj, model_field.name), start=1):
            if child.id != block_id:
                continue
            part_block = getattr(child.block, "child_blocks", {}).get(part)
            return str(
                _("%(stream)s %(number)d (%(block)s): %(part)s")
                % {
                    "stream": capfirst(model_field.verbose_name),
                    "number": number,
                    "block": child.block.label,
                    "part": part_block.label if part_block is not None else part,
                }
            )
    return field


def plain(text: str, kind: str) -> str:
    return strip_tags(text) if kind == TextSource.Kind.HTML else text


@dataclass
class TextQueueItem:
    """One row of the queue for a page's or forum's text, ready for the template."""

    translation: TextTranslation
    obj: Any
    field: str
    url: str
    #: What it belongs to: "Week 2: Access to capital (week)", "Forum: Week 2".
    title: str
    kind: str

    is_text = True

    @property
    def source(self) -> TextSource:
        return self.translation.source

    @property
    def field_name(self) -> str:
        return field_label(self.obj, self.field)

    @property
    def original(self) -> str:
        return plain(self.source.text, self.source.kind)

    @property
    def machine(self) -> str:
        return plain(self.translation.text, self.source.kind)

    @property
    def edit_url(self) -> str:
        return reverse("text_translation_edit", args=[self.translation.pk])


def queue_items(rows: Iterable[Any]) -> list[Any]:
    """The queue's rows as shown: text rows made into items (a query per kind of object),
    posts as they are."""
    rows = list(rows)
    texts = [row for row in rows if isinstance(row, TextTranslation)]
    page_types = set(page_content_type_ids())
    page_ids = {row.source.object_id for row in texts if row.source.content_type_id in page_types}
    forum_ids = {
        row.source.object_id
        for row in texts
        if row.source.content_type_id == forum_content_type_id()
    }
    pages = {page.pk: page for page in Page.objects.filter(pk__in=page_ids).specific()}
    forums = {forum.pk: forum for forum in Forum.objects.filter(pk__in=forum_ids)}
    others: dict[int, dict[int, Any]] = {}
    for entry in reviewable_texts.registered():
        type_id = entry.content_type_id()
        ids = {row.source.object_id for row in texts if row.source.content_type_id == type_id}
        if ids:
            others[type_id] = entry.objects(ids)
    items = []
    for row in rows:
        if not isinstance(row, TextTranslation):
            items.append(row)
            continue
        if row.source.content_type_id in page_types | {forum_content_type_id()}:
            item = text_item(row, pages, forums)
        else:
            item = registered_item(row, others)
        if item is not None:
            items.append(item)
    return items


def registered_item(
    row: TextTranslation, others: dict[int, dict[int, Any]]
) -> TextQueueItem | None:
    """The row of a project's, community's or profile's text (None: not one of those)."""
    source = row.source
    obj = others.get(source.content_type_id, {}).get(source.object_id)
    entry = reviewable_texts.entry_of(obj) if obj is not None else None
    if entry is None:
        return None
    return TextQueueItem(row, obj, source.field, entry.url(obj), entry.title(obj), str(entry.kind))


def text_item(row: TextTranslation, pages: dict, forums: dict) -> TextQueueItem | None:
    source = row.source
    if source.content_type_id == forum_content_type_id():
        forum = forums.get(source.object_id)
        if forum is None:
            return None
        return TextQueueItem(
            row,
            forum,
            source.field,
            reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk}),
            forum.name,
            str(_("forum")),
        )
    page = pages.get(source.object_id)
    if page is None:
        return None
    return TextQueueItem(
        row,
        page,
        source.field,
        page.url or "",
        page.title,
        str(page.specific_class._meta.verbose_name),
    )
