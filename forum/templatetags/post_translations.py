from __future__ import annotations

from django import template
from django.utils.translation import get_language

from translations.display import reader_languages, shown_posts, translated_subjects

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_posts(context, posts):
    """The page's posts in the reader's language, each with a link to toggle its original.

    The link works without JavaScript (the server shows the original for the ids in
    `?original=`); with JavaScript the page swaps the two versions in place.
    """
    request = context["request"]
    language, reads = reader_languages(request.user, get_language())
    # ASCII digits only: `str.isdigit()` also says yes to "²", which int() refuses.
    asked = {
        int(value)
        for value in request.GET.getlist("original")
        if value.isascii() and value.isdigit()
    }
    items = shown_posts(list(posts), language=language, reads=reads, show_original=asked)
    for item in items:
        query = request.GET.copy()
        others = [str(pk) for pk in sorted(asked - {item.post.pk})]
        query.setlist("original", others if item.showing_original else [*others, str(item.post.pk)])
        item.toggle_url = f"?{query.urlencode()}#{item.post.pk}"
    return items


@register.simple_tag(takes_context=True)
def translated_topic_subjects(context, topics):
    """Topic subjects in the reader's language (their first post's translation), by topic id.

    Takes a list of topics or a single one.
    """
    if hasattr(topics, "first_post_id"):
        topics = [topics]
    language, reads = reader_languages(context["request"].user, get_language())
    return translated_subjects(
        [(topic.pk, topic.first_post_id) for topic in topics], language=language, reads=reads
    )


@register.filter
def subject_of(subjects: dict, topic) -> str:
    return subjects.get(topic.pk) or topic.subject
