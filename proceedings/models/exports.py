"""Exports of a course: the proceedings as a PDF in one language, or the whole course as
an archive (ZIP). Built by a Celery task, which records its progress; the file is kept
in private storage and downloaded through a view that checks who asks."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _


def export_storage() -> FileSystemStorage:
    """Outside MEDIA_ROOT: never served as a plain file, only through the download view."""
    return FileSystemStorage(location=settings.VAR_DIR / "exports")


class Export(models.Model):
    class Kind(models.TextChoices):
        PDF = "pdf", _("Proceedings (PDF)")
        ARCHIVE = "archive", _("Course archive (ZIP)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="exports",
        verbose_name=_("course"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    #: The PDF's language; empty for the archive (which holds every language).
    language = models.CharField(_("language"), max_length=2, blank=True)
    include_private = models.BooleanField(_("include private communities"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    #: 0 to 100, and what the task is doing now.
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    step = models.CharField(_("step"), max_length=200, blank=True)
    file = models.FileField(_("file"), storage=export_storage, upload_to="%Y/%m/", blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created = models.DateTimeField(_("requested on"), auto_now_add=True)
    finished = models.DateTimeField(_("finished on"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.language} ({self.get_status_display()})"
