"""Post-editing: a translator's text replaces the machine's and is kept until the source changes.

Posts (:class:`~translations.models.PostTranslation`) and the texts of pages and forums
(:class:`~translations.models.TextTranslation`) alike: the machine's text goes to the
history, the translator's is stored as reviewed, refused if the original changed meanwhile.
"""

from __future__ import annotations

import nh3
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from wagtail.whitelist import DEFAULT_ELEMENT_RULES

from translations.models import (
    PostTranslation,
    TextSource,
    TextTranslation,
    TextTranslationRevision,
    TranslationRevision,
)
from translations.pipeline import markup_renderer, post_source, source_digest
from translations.texts import source_language

Status = PostTranslation.Status


class SourceChanged(Exception):
    """The original was edited while the translator worked on an older version of it."""


def current_digest(translation: PostTranslation) -> str:
    return source_digest(*post_source(translation.post))


@transaction.atomic
def save_reviewed_translation(
    translation: PostTranslation,
    *,
    subject: str,
    content: str,
    editor: User,
    digest: str | None = None,
) -> PostTranslation:
    """Store the translator's text as the translation, keeping what it replaced in the history.

    ``digest`` is the source the translator saw: if the post changed since, their text
    translates an older version and is refused.
    """
    row = PostTranslation.objects.select_for_update().select_related("post").get(pk=translation.pk)
    current = current_digest(row)
    if digest is not None and digest != current:
        raise SourceChanged
    now = timezone.now()
    if row.status == Status.DONE and row.reviewed_at is None:
        # The machine's text, recorded when a translator replaces it.
        TranslationRevision.objects.create(
            translation=row,
            kind=TranslationRevision.Kind.MACHINE,
            subject=row.subject,
            content=row.content,
            engine=row.engine,
            source_digest=row.source_digest,
            created_at=row.translated_at or now,
        )
    row.subject = subject[:255]
    row.content = content
    row.content_rendered = markup_renderer()(content)
    row.status = Status.DONE
    row.source_digest = current
    row.reviewed_by = editor
    row.reviewed_at = now
    row.translated_at = row.translated_at or now
    row.source_changed_since_review = False
    row.last_error = ""
    row.retry_at = None
    row.save()
    TranslationRevision.objects.create(
        translation=row,
        kind=TranslationRevision.Kind.HUMAN,
        subject=row.subject,
        content=content,
        source_digest=current,
        editor=editor,
        created_at=now,
    )
    return row


# ---------------------------------------------------------------------------
# Texts of pages and forums (translations.models.TextTranslation)
# ---------------------------------------------------------------------------
#: The tags Wagtail keeps in rich text (its whitelist, and the editor's features), which a
#: translator's HTML may hold; every other tag is dropped, its text kept.
RICH_TEXT_TAGS = {tag for tag in DEFAULT_ELEMENT_RULES if not tag.startswith("[")} - {"img"} | {
    "blockquote",
    "code",
    "s",
}
#: A link keeps its target: Wagtail's internal links (`linktype`, `id`) or a URL.
RICH_TEXT_ATTRIBUTES = {"a": {"href", "linktype", "id"}}
#: Wagtail's embedded media and images (`<embed embedtype="image" id="3" …/>`), kept only
#: when the original holds some.
EMBED_ATTRIBUTES = {"embedtype", "id", "format", "alt", "url"}


def clean_rich_text(html: str, *, source: str = "") -> str:
    """A translator's HTML as Wagtail stores rich text: its tags, a link's target, no script."""
    tags = set(RICH_TEXT_TAGS)
    attributes = {tag: set(names) for tag, names in RICH_TEXT_ATTRIBUTES.items()}
    if "<embed" in source:
        tags.add("embed")
        attributes["embed"] = set(EMBED_ATTRIBUTES)
    return nh3.clean(html, tags=tags, attributes=attributes, link_rel=None).strip()


def clean_plain_text(text: str, *, source: str = "") -> str:
    """A plain text kept on one line when its original is (a title, a question)."""
    text = text.strip()
    if "\n" not in source.strip():
        text = " ".join(text.split())
    return text


def cleaned_text(text: str, source: TextSource) -> str:
    if source.kind == TextSource.Kind.HTML:
        return clean_rich_text(text, source=source.text)
    return clean_plain_text(text, source=source.text)


@transaction.atomic
def save_reviewed_text(
    translation: TextTranslation,
    *,
    text: str,
    editor: User,
    digest: str | None = None,
) -> TextTranslation:
    """Store the translator's text of a page's (or forum's) field, the machine's in the history.

    ``digest`` is the source the translator saw: if the text was edited and published since,
    theirs translates an older version and is refused. The worker never writes over a
    reviewed row; a new source puts it back in the machine's hands (translations.texts).
    """
    row = (
        TextTranslation.objects.select_for_update().select_related("source").get(pk=translation.pk)
    )
    source = row.source
    if digest is not None and digest != source.digest:
        raise SourceChanged
    now = timezone.now()
    if row.status == Status.DONE and row.reviewed_at is None and row.text:
        TextTranslationRevision.objects.create(
            translation=row,
            kind=TextTranslationRevision.Kind.MACHINE,
            text=row.text,
            engine=row.engine,
            source_digest=row.source_digest,
            created_at=row.translated_at or now,
        )
    row.text = cleaned_text(text, source)
    row.status = Status.DONE
    row.source_digest = source.digest
    row.source_language = row.source_language or source_language(source)
    row.reviewed_by = editor
    row.reviewed_at = now
    row.translated_at = row.translated_at or now
    row.source_changed_since_review = False
    row.last_error = ""
    row.retry_at = None
    row.save()
    TextTranslationRevision.objects.create(
        translation=row,
        kind=TextTranslationRevision.Kind.HUMAN,
        text=row.text,
        source_digest=source.digest,
        editor=editor,
        created_at=now,
    )
    return row
