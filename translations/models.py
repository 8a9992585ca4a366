"""What the pipeline stores: each post's language, its translations, and a segment memory."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = [("es", _("Spanish")), ("fr", _("French")), ("en", _("English"))]


class PostLanguage(models.Model):
    """The language a post is written in. The author's choice wins over detection."""

    post = models.OneToOneField(
        "forum_conversation.Post", on_delete=models.CASCADE, related_name="puentes_language"
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    chosen_by_author = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("post language")

    def __str__(self) -> str:
        return f"{self.post_id}: {self.language}"


class PostTranslation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("translation in progress")
        DONE = "done", _("translated")
        FAILED = "failed", _("translation unavailable")

    post = models.ForeignKey(
        "forum_conversation.Post", on_delete=models.CASCADE, related_name="puentes_translations"
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    source_language = models.CharField(max_length=2, choices=LANGUAGE_CHOICES, blank=True)
    # Digest of the source (subject and content) this row is for: an older task that
    # finishes last cannot overwrite the translation of a newer text.
    source_digest = models.CharField(max_length=64)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    subject = models.CharField(max_length=255, blank=True)
    content = models.TextField(blank=True)
    content_rendered = models.TextField(blank=True)
    engine = models.CharField(max_length=40, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    # When a scheduled retry is due: the sweep leaves rows alone until then.
    retry_at = models.DateTimeField(null=True, blank=True)
    translated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("post translation")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "language"], name="one_translation_per_language"
            )
        ]
        indexes = [models.Index(fields=["status", "requested_at"], name="translation_status_idx")]

    def __str__(self) -> str:
        return f"{self.post_id} → {self.language} ({self.status})"


class SegmentMemory(models.Model):
    """A translated segment, so that an unchanged segment is never sent to an engine twice."""

    source_digest = models.CharField(max_length=64)
    source_language = models.CharField(max_length=2)
    target_language = models.CharField(max_length=2)
    engine = models.CharField(max_length=40)
    source_text = models.TextField()
    translated_text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("translation memory segment")
        constraints = [
            models.UniqueConstraint(
                fields=["source_digest", "source_language", "target_language", "engine"],
                name="one_memory_entry_per_segment",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_language}→{self.target_language}: {self.source_text[:40]}"
