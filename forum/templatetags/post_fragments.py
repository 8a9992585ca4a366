from __future__ import annotations

from django import template

from forum import post_fragments

register = template.Library()


@register.simple_tag(takes_context=True)
def post_fragment_key(context, shown, harvesting=False, poster_url="") -> str:
    """The cache key of a post's rendered fragments on a topic page (forum.post_fragments):
    the page's forum and topic, and a translator's path for "Edit translation"."""
    request = context["request"]
    return post_fragments.post_fragment_key(
        shown,
        forum=context["forum"],
        topic=context["topic"],
        harvesting=bool(harvesting),
        poster_url=poster_url,
        editing_path=request.get_full_path() if context.get("can_edit_translations") else "",
    )
