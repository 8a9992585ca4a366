"""Themes, regions and members who follow them, for the alerts' tests."""

from __future__ import annotations

from notifications.models import AlertChoice, NotificationSettings
from notifications.preferences import forget_cached_settings
from taxonomy.models import Region, Theme


def theme(slug: str, name: str = "") -> Theme:
    return Theme.objects.get_or_create(
        slug=slug, defaults={"name": name or slug.replace("-", " ").capitalize(),
                             "language_written": "en"}
    )[0]  # fmt: skip


def region(slug: str, name: str = "", parent: Region | None = None) -> Region:
    return Region.objects.get_or_create(
        slug=slug, defaults={"name": name or slug.capitalize(), "language_written": "en",
                             "parent": parent}
    )[0]  # fmt: skip


def follow(user, *, themes=(), regions=(), alerts: str = AlertChoice.DIGEST, email=None):
    row, _created = NotificationSettings.objects.get_or_create(user=user)
    row.alerts = alerts
    if email is not None:
        row.email = email
    row.save()
    row.alert_themes.set(themes)
    row.alert_regions.set(regions)
    forget_cached_settings(user)
    return row


def translated_name(term, language: str) -> str:
    """The machine translation of the term's name (after `translate_due_texts`)."""
    from django.contrib.contenttypes.models import ContentType

    from translations.models import TextTranslation

    return TextTranslation.objects.get(
        source__content_type=ContentType.objects.get_for_model(term),
        source__object_id=term.pk,
        source__field="name",
        language=language,
    ).text
