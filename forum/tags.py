"""Posts' themes and region (`PostTags`): set by their author or an editor, read by the
topic page (in the reader's language) and by members' alerts (`forum.signals`)."""

from __future__ import annotations

from collections.abc import Iterable

from taxonomy.models import Region, Theme

from .models import PostTags
from .signals import post_tags_changed


def set_post_tags(post, themes: Iterable[Theme], region: Region | None) -> PostTags:
    """Give the post these themes and this region; tell those who listen what is new."""
    tags, _created = PostTags.objects.get_or_create(post=post)
    before = set(tags.themes.values_list("pk", flat=True))
    wanted = {theme.pk for theme in themes}
    region_changed = tags.region_id != (region.pk if region is not None else None)
    if region_changed:
        tags.region = region
        tags.save(update_fields=["region"])
    if wanted != before:
        tags.themes.set(wanted)
    added = wanted - before
    if added or (region_changed and region is not None):
        post_tags_changed.send(
            sender=PostTags,
            post=post,
            tags=tags,
            added_themes=added,
            region_changed=region_changed,
        )
    return tags


def tags_of_posts(post_ids: Iterable[int]) -> dict[int, PostTags]:
    """Each post's tags, by post id, themes and region loaded (two queries)."""
    return {
        tags.post_id: tags
        for tags in PostTags.objects.filter(post_id__in=list(post_ids))
        .select_related("region")
        .prefetch_related("themes")
    }
