"""The territory of the vocabulary (`taxonomy.Region`) that a member's own words name.

Sign-up asks for a "region or country" in free text; when it is the name of a region in
any of the site's languages ("Québec", "Quebec", "Bolivie"), the profile gets that
territory, and the free text stays as written.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from members.models import Profile, folded
from taxonomy.models import Region
from translations.models import TextSource, TextTranslation


def region_named(words: str) -> Region | None:
    """The region whose name (as written or translated) or slug is `words`, if exactly one."""
    wanted = folded(words).strip()
    if not wanted:
        return None
    regions = list(Region.objects.all())
    found = {region.pk for region in regions if wanted in (folded(region.name), region.slug)}
    if not found:
        sources = TextSource.objects.filter(
            content_type=ContentType.objects.get_for_model(Region), field="name"
        )
        translated = TextTranslation.objects.filter(
            source__in=sources, status=TextTranslation.Status.DONE
        ).values_list("source__object_id", "text")
        found = {object_id for object_id, text in translated if folded(text).strip() == wanted}
    if len(found) != 1:
        return None
    (pk,) = found
    return next(region for region in regions if region.pk == pk)


def match_territory(profile: Profile) -> Region | None:
    """Give the profile the territory its free-text region names, if it has none yet."""
    if profile.territory_id is not None or not profile.region:
        return profile.territory
    region = region_named(profile.region)
    if region is not None:
        profile.territory = region
        profile.save(update_fields=["territory"])
    return region
