from __future__ import annotations

from django import template
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key

from forum import post_fragments

register = template.Library()

#: The `{% cache %}` fragments of a post's block on a topic page, keyed by `fragment_key`.
FRAGMENTS = ("post_head", "post_foot")


@register.simple_tag(takes_context=True)
def post_fragment_key(context, shown, harvesting=False, poster_url="") -> str:
    """The cache key of a post's rendered fragments on a topic page (forum.post_fragments):
    the page's forum and topic, and a translator's path for "Edit translation". Also kept
    as `shown.fragment_key`."""
    request = context["request"]
    shown.fragment_key = post_fragments.post_fragment_key(
        shown,
        forum=context["forum"],
        topic=context["topic"],
        harvesting=bool(harvesting),
        poster_url=poster_url,
        editing_path=request.get_full_path() if context.get("can_edit_translations") else "",
    )
    return shown.fragment_key


@register.simple_tag
def fetch_post_fragments(shown_posts) -> str:
    """Asks the fragments cache for every kept block of the page at once (one round trip to
    a shared tier, cms/tiered_cache.py); the `{% cache %}` tags then find them in memory."""
    keys = [
        make_template_fragment_key(name, [shown.fragment_key])
        for shown in shown_posts
        if getattr(shown, "fragment_key", None)
        for name in FRAGMENTS
    ]
    if keys:
        caches["fragments"].get_many(keys)
    return ""


@register.simple_tag(takes_context=True)
def post_list_key(context, shown_posts, harvesting, answerable, user_can_reply, poll=None) -> str:
    """The cache key of a topic page's whole list of posts, for the next reader with the
    same rights on each post (forum.post_fragments.post_list_key); empty when a poll heads
    the list (its form is the reader's own)."""
    if poll:
        return ""
    request = context["request"]
    return post_fragments.post_list_key(
        shown_posts,
        forum=context["forum"],
        handler=request.forum_permission_handler,
        user=request.user,
        harvesting=bool(harvesting),
        answerable=answerable or set(),
        user_can_reply=bool(user_can_reply),
    )
