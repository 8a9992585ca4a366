"""A member of Puentes: how they appear and which languages they read."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .languages import LANGUAGE_CODES, LANGUAGES


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="puentes_profile"
    )
    display_name = models.CharField(_("display name"), max_length=120, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=LANGUAGES, default="en"
    )
    # Posts in any of these are shown as written; the others are translated into the
    # preferred language.
    reads_languages = models.JSONField(_("languages I read"), default=list, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    region = models.CharField(_("region or country"), max_length=120, blank=True)
    keep_posts_offline = models.BooleanField(
        _("never send my posts to an online translation service"),
        default=False,
        help_text=_("Only the offline engine or a human translator will handle your posts."),
    )

    class Meta:
        # The table keeps the name it had when profiles lived in the courses app.
        db_table = "courses_profile"
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.display_name or self.user.get_full_name() or self.user.get_username()

    def languages_read(self) -> set[str]:
        return {self.preferred_language, *self.reads_languages} & set(LANGUAGE_CODES)
