"""The one vocabulary of themes and regions that posts, case studies, communities, members'
alerts (and the proceedings' theme × region matrix) share.

At the ground floor and importing nothing of ours, so that every app can tag with it. The
names are texts like a forum's: the app above that shows them asks for their translation
(`courses.vocabulary_texts`) and gives each reader the name in their language.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def written_in_choices() -> list[tuple[str, Any]]:
    """Automatic (detected), or one of the site's languages."""
    return [("", _("Detect automatically")), *settings.LANGUAGES]


def written_in_field() -> models.CharField:
    return models.CharField(
        _("written in"),
        max_length=2,
        choices=written_in_choices,
        blank=True,
        help_text=_(
            "The language the name is written in; it is machine-translated into the others."
        ),
    )


class Theme(models.Model):
    """A policy theme: access to capital, public procurement..."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    language_written = written_in_field()

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


class Region(models.Model):
    """A territory: a country, or a region within one (Quebec under Canada)."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    language_written = written_in_field()
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name=_("within"),
        help_text=_("The larger region it belongs to, if any (Quebec within Canada)."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name

    def with_ancestors(self) -> list[Region]:
        """This region and every region it lies within, nearest first (cycles stop)."""
        found: list[Region] = []
        region: Region | None = self
        while region is not None and region not in found:
            found.append(region)
            region = region.parent
        return found
