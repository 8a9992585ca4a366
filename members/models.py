"""A member of Puentes: how they appear, which languages they read, and what their profile
in the members' directory shows (and to whom)."""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Region, Theme

from .languages import LANGUAGE_CODES, LANGUAGES

#: The longest bio taken (a short presentation, not a text).
BIO_MAX = 1500


def folded(text: str) -> str:
    """`text` without case nor accents ("Québec" → "quebec"): how the directory compares
    words, the same on PostgreSQL and SQLite."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


class Visibility(models.TextChoices):
    """Who sees a member's profile page and finds them in the directory."""

    HIDDEN = "hidden", _("Nobody (only me and the site's staff)")
    MEMBERS = "members", _("Members of Puentes who are signed in")
    PUBLIC = "public", _("Everyone, visitors who are not signed in included")


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
    # The directory (the `directory` app shows them; translated there like posts).
    bio = models.TextField(_("about me"), max_length=BIO_MAX, blank=True)
    expertise = models.TextField(_("expertise I offer"), max_length=BIO_MAX, blank=True)
    territory = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("territory"),
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="+", verbose_name=_("themes"))
    # Hidden until the member chooses: an account's name was seen only by those who meet
    # it (a course, a forum they read: forum/member_visibility.py), and no member agreed to
    # more before the directory existed. Nothing reaches visitors but by "public".
    visibility = models.CharField(
        _("who sees my profile"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.HIDDEN,
    )
    show_organisation = models.BooleanField(_("my organisation"), default=True)
    show_territory = models.BooleanField(_("my territory"), default=True)
    show_themes = models.BooleanField(_("my themes"), default=True)
    show_languages = models.BooleanField(_("the languages I read"), default=True)
    show_expertise = models.BooleanField(_("the expertise I offer"), default=True)
    show_bio = models.BooleanField(_("about me"), default=True)
    show_contributions = models.BooleanField(_("my posts"), default=True)
    #: The name and the shown organisation and expertise, folded (`folded`): what the
    #: directory's search reads. Kept by `save`.
    directory_words = models.TextField(editable=False, blank=True, default="")

    class Meta:
        # The table keeps the name it had when profiles lived in the courses app.
        db_table = "courses_profile"
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.directory_words = self.searched_words()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "directory_words"}
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        return self.display_name or self.user.get_full_name() or self.user.get_username()

    def languages_read(self) -> set[str]:
        return {self.preferred_language, *self.reads_languages} & set(LANGUAGE_CODES)

    def searched_words(self) -> str:
        """What the directory's search may match: only the texts the member shows."""
        texts = [self.name]
        if self.show_organisation:
            texts.append(self.organisation)
        if self.show_expertise:
            texts.append(self.expertise)
        return folded(" \n".join(text for text in texts if text))
