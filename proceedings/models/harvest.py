"""The harvest: passages of posts that organizers and key respondents mark as the course
goes, tagged with the course's themes and regions; and members' consent to be quoted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Passage(models.Model):
    """A whole post, or a passage of it (selected by the harvester), kept for the
    proceedings. Its text is translated like a page's texts (field ``text``)."""

    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="passages",
        verbose_name=_("course"),
    )
    post = models.ForeignKey(
        "forum_conversation.Post",
        on_delete=models.CASCADE,
        related_name="harvested_passages",
        verbose_name=_("post"),
    )
    #: The passage as written (Markdown, a part of the post's content); empty: the whole post.
    text = models.TextField(_("passage"), blank=True)
    #: The language it is written in (the post's, as detected), empty until known.
    language = models.CharField(_("language"), max_length=2, blank=True)
    themes = models.ManyToManyField(
        "taxonomy.Theme", blank=True, related_name="passages", verbose_name=_("themes")
    )
    regions = models.ManyToManyField(
        "taxonomy.Region", blank=True, related_name="passages", verbose_name=_("regions")
    )
    note = models.TextField(_("harvester's note"), blank=True)
    #: In the proceedings (organizers may keep a passage in the harvest and leave it out).
    included = models.BooleanField(_("in the proceedings"), default=True)
    harvested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("harvested by"),
    )
    created = models.DateTimeField(_("harvested on"), auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("harvested passage")
        verbose_name_plural = _("harvested passages")
        indexes = [models.Index(fields=["course", "included"])]

    def __str__(self) -> str:
        return (self.text or f"post {self.post_id}")[:60]


class QuoteConsent(models.Model):
    """How a member may be quoted in a course's proceedings. No row: not at all."""

    class Choice(models.TextChoices):
        NAME = "name", _("By my name")
        ANONYMOUS = "anonymous", _("Anonymously (“a participant from …”)")
        NONE = "none", _("Not at all")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="quote_consents",
        verbose_name=_("member"),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="quote_consents",
        verbose_name=_("course"),
    )
    choice = models.CharField(
        _("may the proceedings quote you?"),
        max_length=10,
        choices=Choice.choices,
        default=Choice.NONE,
    )
    #: How an anonymous quote describes them ("a participant from Ecuador").
    region = models.ForeignKey(
        "taxonomy.Region",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("describe me as from"),
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("consent to be quoted")
        verbose_name_plural = _("consents to be quoted")
        constraints = [
            models.UniqueConstraint(fields=["member", "course"], name="one_consent_per_course")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} / {self.course_id}: {self.choice}"
