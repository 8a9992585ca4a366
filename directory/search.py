"""The directory's filters: territory (and the regions within it), theme, a language read,
and words of a member's name, organisation or expertise (case and accents ignored).

A filter reads only what the member shows: someone who hides their territory is not found
by it, nor by the words of an organisation they keep to themselves (`Profile.searched_words`).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from members.languages import LANGUAGE_CODES
from members.models import Profile, folded
from taxonomy.models import Region, Theme


def within(region: Region, regions: list[Region]) -> set[int]:
    """The ids of `region` and of every region that lies within it, however deep."""
    found = {region.pk}
    children: dict[int, list[int]] = {}
    for item in regions:
        if item.parent_id is not None:
            children.setdefault(item.parent_id, []).append(item.pk)
    stack = [region.pk]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def filter_profiles(
    profiles: QuerySet[Profile],
    *,
    territory: Region | None = None,
    regions: list[Region] | None = None,
    theme: Theme | None = None,
    language: str = "",
    words: str = "",
) -> QuerySet[Profile]:
    if territory is not None:
        ids = within(territory, regions if regions is not None else list(Region.objects.all()))
        profiles = profiles.filter(show_territory=True, territory__in=ids)
    if theme is not None:
        profiles = profiles.filter(show_themes=True, themes=theme)
    if language in LANGUAGE_CODES:
        profiles = profiles.filter(show_languages=True).filter(
            Q(preferred_language=language) | Q(reads_languages__icontains=f'"{language}"')
        )
    for word in folded(words).split()[:10]:
        profiles = profiles.filter(directory_words__contains=word)
    return profiles
