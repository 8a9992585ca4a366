from __future__ import annotations

from django import template
from django.utils.translation import get_language

from translations.display import reader_languages, shown_posts

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_posts(context, posts):
    """The page's posts in the reader's language, each with a link to toggle its original.

    The link works without JavaScript (the server shows the original for the ids in
    `?original=`); with JavaScript the page swaps the two versions in place.
    """
    request = context["request"]
    language, reads = reader_languages(request.user, get_language())
    asked = {int(value) for value in request.GET.getlist("original") if value.isdigit()}
    items = shown_posts(list(posts), language=language, reads=reads, show_original=asked)
    for item in items:
        query = request.GET.copy()
        others = [str(pk) for pk in sorted(asked - {item.post.pk})]
        query.setlist("original", others if item.showing_original else [*others, str(item.post.pk)])
        item.toggle_url = f"?{query.urlencode()}#{item.post.pk}"
    return items
