"""The headline of an alert: "New post on public procurement (Bolivia)", in the interface
language, with the theme and region names in the reader's reading language."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext

from courses.vocabulary_texts import shown_terms
from taxonomy.models import Region, Theme

from .models import Event, Notice


def alert_names(
    notices: Iterable[Notice], *, language: str, reads: Iterable[str]
) -> dict[tuple[str, int], str]:
    """Every theme and region the alerts among `notices` name, by ("theme"|"region", id)."""
    theme_ids: set[int] = set()
    region_ids: set[int] = set()
    for notice in notices:
        if notice.event != Event.ALERT:
            continue
        data = notice.data or {}
        theme_ids |= {int(pk) for pk in data.get("themes") or []}
        if data.get("region"):
            region_ids.add(int(data["region"]))
    if not theme_ids and not region_ids:
        return {}
    terms: list[Theme | Region] = [
        *Theme.objects.filter(pk__in=theme_ids),
        *Region.objects.filter(pk__in=region_ids),
    ]
    return {
        (name.kind, name.term.pk): name.name
        for name in shown_terms(terms, language=language, reads=reads)
    }


def alert_headline(notice: Notice, names: dict[tuple[str, int], str]) -> str:
    data = notice.data or {}
    themes = ", ".join(
        names[("theme", int(pk))] for pk in data.get("themes") or [] if ("theme", int(pk)) in names
    )
    region = names.get(("region", int(data["region"]))) if data.get("region") else None
    values = {"themes": themes, "region": region}
    if notice.post_id is None:
        if themes and region:
            return gettext("New case study on %(themes)s (%(region)s)") % values
        if themes:
            return gettext("New case study on %(themes)s") % values
        if region:
            return gettext("New case study in %(region)s") % values
    else:
        if themes and region:
            return gettext("New post on %(themes)s (%(region)s)") % values
        if themes:
            return gettext("New post on %(themes)s") % values
        if region:
            return gettext("New post in %(region)s") % values
    return gettext("New content on your themes or territories")
