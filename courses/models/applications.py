"""Applications to a course: what a person asks for before an organizer enrolls them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# A key respondent's statement: counted on the server, refused above this.
KEY_RESPONDENT_STATEMENT_WORDS = 300


class Application(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    class AppliedRole(models.TextChoices):
        PARTICIPANT = "participant", _("participant")
        KEY_RESPONDENT = "key_respondent", _("key respondent")

    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("course"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="course_applications",
        verbose_name=_("applicant"),
    )
    role = models.CharField(
        _("applies as"), max_length=20, choices=AppliedRole.choices, default=AppliedRole.PARTICIPANT
    )
    work_description = models.TextField(_("your work"))
    key_respondent_statement = models.TextField(_("key-respondent statement"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["course", "user"], name="one_application_per_course")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.course} ({self.get_role_display()})"
