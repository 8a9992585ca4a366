"""Who takes part in a course, and in which role."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PARTICIPANT = "participant", _("participant")
    KEY_RESPONDENT = "key_respondent", _("key respondent")
    ORGANIZER = "organizer", _("organizer")
    TRANSLATOR = "translator", _("translator")


class AfterCourse(models.TextChoices):
    """A member's choice once the course has ended."""

    UNDECIDED = "", _("not decided")
    STAY = "stay", _("stay in touch")
    LEAVE = "leave", _("leave")


class Enrollment(models.Model):
    """A person's place in a course. One row per role: an organizer may also translate."""

    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="enrollments",
        verbose_name=_("course"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrollments",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    # Only for key respondents: the week whose case study they write.
    week = models.ForeignKey(
        "courses.WeekPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_enrollments",
        verbose_name=_("assigned week"),
    )
    # An organizer's extension: this member may still post in the course's closed weeks.
    late_until = models.DateField(
        _("late posts accepted until"),
        null=True,
        blank=True,
        help_text=_(
            "Optional: this member may still post in the course's closed weeks until this day."
        ),
    )
    created_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    # After the course: "leave" takes the member out of its forums and subscriptions.
    after_course = models.CharField(
        _("after the course"), max_length=5, choices=AfterCourse.choices, default="", blank=True
    )

    class Meta:
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "user", "role"], name="unique_enrollment_per_role"
            )
        ]
        ordering = ["course", "role", "user"]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.course}"

    def clean(self):
        super().clean()
        if self.week_id and self.role != Role.KEY_RESPONDENT:
            raise ValidationError({"week": _("Only key respondents are assigned to a week.")})
        if self.late_until and self.role not in (Role.PARTICIPANT, Role.KEY_RESPONDENT):
            raise ValidationError(
                {"late_until": _("Only participants and key respondents post in the weeks.")}
            )
        if (
            self.week_id
            and self.course_id
            and self.week is not None
            and self.week.get_parent().pk != self.course_id
        ):
            raise ValidationError({"week": _("This week belongs to another course.")})
