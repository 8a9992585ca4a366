"""`{% mark_post_tags posts %}`: each post's themes and region, named in the reader's
language, as `post.puentes_tag_names` (a fixed number of queries for the page)."""

from __future__ import annotations

from django import template

from courses.templatetags.vocabulary import reader_of
from courses.vocabulary_texts import TermName, shown_terms
from taxonomy.models import Region, Theme

from ..models import PostTags
from ..tags import tags_of_posts

register = template.Library()


def _terms(tags: PostTags | None) -> list[Theme | Region]:
    if tags is None:
        return []
    return [*tags.themes.all(), *([tags.region] if tags.region is not None else [])]


@register.simple_tag(takes_context=True)
def mark_post_tags(context, posts) -> str:
    posts = list(posts)
    tags = tags_of_posts(post.pk for post in posts)
    terms = [term for found in tags.values() for term in _terms(found)]
    language, reads = reader_of(context)
    named: dict[tuple[str, int], TermName] = {
        (name.kind, name.term.pk): name
        for name in shown_terms(terms, language=language, reads=reads)
    }
    for post in posts:
        post.puentes_tag_names = [
            named[("region" if isinstance(term, Region) else "theme", term.pk)]
            for term in _terms(tags.get(post.pk))
        ]
    return ""
