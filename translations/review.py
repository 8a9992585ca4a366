"""Post-editing: a translator's text replaces the machine's and is kept until the source changes."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from translations.models import PostTranslation, TranslationRevision
from translations.pipeline import markup_renderer, post_source, source_digest

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
