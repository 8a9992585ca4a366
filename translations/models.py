"""What the pipeline stores: each post's language, its translations, and a segment memory."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.languages import LANGUAGES

from .kept_texts import TextQuerySet

#: A post written in none of the site's languages (German, Portuguese…): it is shown as
#: written, labelled so, and never machine-translated (from which language would it be?).
OTHER_LANGUAGE = "other"
WRITTEN_IN = [*LANGUAGES, (OTHER_LANGUAGE, _("Another language"))]


class PostLanguage(models.Model):
    """The language a post is written in. The author's choice wins over detection."""

    post = models.OneToOneField(
        "forum_conversation.Post", on_delete=models.CASCADE, related_name="puentes_language"
    )
    language = models.CharField(_("language"), max_length=5, choices=WRITTEN_IN)
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
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    source_language = models.CharField(max_length=2, choices=LANGUAGES, blank=True)
    # Digest of the source (subject and content) this row is for: an older task that
    # finishes last cannot overwrite the translation of a newer text.
    source_digest = models.CharField(max_length=64)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    subject = models.CharField(max_length=255, blank=True)
    content = models.TextField(blank=True)
    content_rendered = models.TextField(blank=True)
    engine = models.CharField(max_length=40, blank=True)
    # Whose glossary applies, as recorded by the app that asked for the translation (the
    # forum records the id of the post's course, under which its glossary terms are kept).
    glossary = models.PositiveBigIntegerField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    # When a scheduled retry is due: the sweep leaves rows alone until then. On a failed
    # row: when the health check may retry it by itself (None: only an organizer may).
    retry_at = models.DateTimeField(null=True, blank=True)
    # How many times the health check put the row back after it failed (translations/health.py).
    auto_retries = models.PositiveSmallIntegerField(default=0)
    translated_at = models.DateTimeField(null=True, blank=True)
    # A translator's text: kept, and never overwritten by the machine, until the source
    # changes (then the row is flagged, machine-translated again and back in the queue).
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    source_changed_since_review = models.BooleanField(
        _("source changed since review"), default=False
    )

    class Meta:
        verbose_name = _("post translation")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "language"], name="one_translation_per_language"
            )
        ]
        indexes = [
            models.Index(fields=["status", "requested_at"], name="translation_status_idx"),
            models.Index(
                fields=["status", "reviewed_at", "translated_at"], name="review_queue_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.post_id} → {self.language} ({self.status})"

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_at is not None


class TranslationQueue(models.Model):
    """One row: when a translation task was last sent that no worker has started yet.

    While it is recent, saving another post sends no task of its own: the waiting task takes
    every due post along (see :func:`translations.pipeline.announce`).
    """

    waiting_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("translation queue")

    def __str__(self) -> str:
        return f"waiting since {self.waiting_since}" if self.waiting_since else "idle"


class TranslationRevision(models.Model):
    """One version of a translation: who wrote it (a translator or a machine) and when."""

    class Kind(models.TextChoices):
        MACHINE = "machine", _("machine translation")
        HUMAN = "human", _("translator's edit")

    translation = models.ForeignKey(
        PostTranslation, on_delete=models.CASCADE, related_name="revisions"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    content = models.TextField(_("content"), blank=True)
    engine = models.CharField(max_length=40, blank=True)
    source_digest = models.CharField(max_length=64, blank=True)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("editor"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("translation revision")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.translation_id} ({self.kind}, {self.created_at:%Y-%m-%d %H:%M})"


class GlossaryTerm(models.Model):
    """A course's agreed rendering of a term in each language, applied to every engine.

    A name that must not be translated (a person, a programme) sets ``do_not_translate``:
    it is kept exactly as written, whatever the language. The plural and the gender let the
    glossary match the term in the plural and make the words next to it agree
    (:mod:`translations.grammar`).
    """

    class Gender(models.TextChoices):
        MASCULINE = "m", _("masculine")
        FEMININE = "f", _("feminine")

    PLURAL_HELP = _("Only if the usual rule gets it wrong (empty: the regular plural).")
    GENDER_HELP = _("Empty: as the dictionary says.")

    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="glossary_terms",
        verbose_name=_("course"),
    )
    term_es = models.CharField(_("Spanish"), max_length=200, blank=True)
    plural_es = models.CharField(
        _("Spanish plural"), max_length=200, blank=True, help_text=PLURAL_HELP
    )
    gender_es = models.CharField(
        _("Spanish gender"), max_length=1, choices=Gender.choices, blank=True, help_text=GENDER_HELP
    )
    term_fr = models.CharField(_("French"), max_length=200, blank=True)
    plural_fr = models.CharField(
        _("French plural"), max_length=200, blank=True, help_text=PLURAL_HELP
    )
    gender_fr = models.CharField(
        _("French gender"), max_length=1, choices=Gender.choices, blank=True, help_text=GENDER_HELP
    )
    term_en = models.CharField(_("English"), max_length=200, blank=True)
    plural_en = models.CharField(
        _("English plural"), max_length=200, blank=True, help_text=PLURAL_HELP
    )
    do_not_translate = models.BooleanField(
        _("do not translate"),
        default=False,
        help_text=_("Names of people, programmes or organisations, kept as written."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    #: The term as stored, set on the instance being saved (`forum.glossary.remember_term`)
    #: so that posts using its old wording are retranslated too. Not a column.
    _before: GlossaryTerm | None

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["course", "term_en", "term_es", "term_fr"]

    def __str__(self) -> str:
        return " / ".join(term for term in self.terms() if term)

    def terms(self) -> list[str]:
        return [self.term_es, self.term_fr, self.term_en]

    def term(self, language: str) -> str:
        return getattr(self, f"term_{language}", "") or ""

    def plural(self, language: str) -> str:
        """The plural as written by the organizers; empty: the regular plural applies."""
        return getattr(self, f"plural_{language}", "") or ""

    def gender(self, language: str) -> str:
        """``m``, ``f``, or empty (not given, or a language without genders)."""
        return getattr(self, f"gender_{language}", "") or ""

    def clean(self):
        from django.core.exceptions import ValidationError

        if not any(term.strip() for term in self.terms()):
            raise ValidationError(_("Give the term in at least one language."))
        errors = {
            f"{field}_{code}": _("Give the term itself in this language first.")
            for code in ("es", "fr", "en")
            for field in ("plural", "gender")
            if getattr(self, f"{field}_{code}", "") and not self.term(code).strip()
        }
        if errors:
            raise ValidationError(errors)


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


class TextSource(models.Model):
    """One text of a page, a forum or another object, as written: what it is translated from.

    Stored beside the object, field by field (Decidim's model), so that one page is one URL
    in every language. ``field`` names the text within its object: ``title``, ``body``, or
    ``readings.<block id>.title`` for a field of a StreamField block.
    """

    class Kind(models.TextChoices):
        MARKDOWN = "markdown", _("plain text or Markdown")
        HTML = "html", _("rich text")

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(_("field"), max_length=200)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.MARKDOWN)
    text = models.TextField(_("text"))
    digest = models.CharField(max_length=64)
    #: The language it is written in: the author's choice, else detected by the worker
    #: (empty until then).
    language = models.CharField(_("language"), max_length=5, choices=WRITTEN_IN, blank=True)
    chosen_by_author = models.BooleanField(default=False)
    #: The language assumed when detection cannot tell (a very short text): its author's.
    fallback_language = models.CharField(max_length=2, choices=LANGUAGES, blank=True)
    #: Whose glossary applies (the id of the course the object belongs to), as for posts.
    glossary = models.PositiveBigIntegerField(null=True, blank=True)
    #: The order of the texts within their object (titles first), for queues and search.
    position = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    #: Its bulk writes count as texts written (pages keep what they read: kept_texts.py).
    objects = TextQuerySet.as_manager()

    class Meta:
        verbose_name = _("text to translate")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field"], name="one_source_per_field"
            )
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="text_source_object_idx")
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}/{self.object_id} {self.field}"


class TextTranslation(models.Model):
    """A text of a page or forum in one language: the machine's, or a translator's."""

    Status = PostTranslation.Status

    source = models.ForeignKey(TextSource, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    source_language = models.CharField(max_length=2, choices=LANGUAGES, blank=True)
    # The digest of the source text this row is for: a late result never overwrites the
    # translation of a newer text.
    source_digest = models.CharField(max_length=64)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    text = models.TextField(blank=True)
    engine = models.CharField(max_length=40, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    retry_at = models.DateTimeField(null=True, blank=True)  # as PostTranslation's
    auto_retries = models.PositiveSmallIntegerField(default=0)
    translated_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    source_changed_since_review = models.BooleanField(
        _("source changed since review"), default=False
    )

    objects = TextQuerySet.as_manager()

    class Meta:
        verbose_name = _("text translation")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "language"], name="one_text_translation_per_language"
            )
        ]
        indexes = [
            models.Index(fields=["status", "requested_at"], name="text_translation_status_idx")
        ]

    def __str__(self) -> str:
        return f"{self.source_id} → {self.language} ({self.status})"

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_at is not None


class TextTranslationRevision(models.Model):
    """One version of a text's translation: a machine's or a translator's, and when."""

    Kind = TranslationRevision.Kind

    translation = models.ForeignKey(
        TextTranslation, on_delete=models.CASCADE, related_name="revisions"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    text = models.TextField(_("text"), blank=True)
    engine = models.CharField(max_length=40, blank=True)
    source_digest = models.CharField(max_length=64, blank=True)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("editor"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("text translation revision")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.translation_id} ({self.kind}, {self.created_at:%Y-%m-%d %H:%M})"
