"""The topic page's "Harvest" control and "harvested" mark, for the course's harvesters only.

    {% load harvest_tags %}
    {% mark_harvested posts forum as harvesting %}   {# True for a harvester of the course #}
    {% if harvesting and post.puentes_harvested %}…{% endif %}

Two queries for the page (the harvester's enrollment, the passages of its posts); other
members get nothing, not even the mark.
"""

from __future__ import annotations

from typing import Any

from django import template

from courses.templatetags.vocabulary import reader_of
from courses.vocabulary_texts import term_name
from forum.course_of import course_of_forum

from ..harvest import harvested_post_ids, may_harvest

register = template.Library()


@register.simple_tag(takes_context=True)
def mark_harvested(context: Any, posts: Any, forum: Any) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    course = course_of_forum(getattr(forum, "pk", None))
    if not may_harvest(user, course):
        return False
    posts = list(posts)
    harvested = harvested_post_ids(post.pk for post in posts)
    for post in posts:
        post.puentes_harvested = post.pk in harvested
    return True


@register.simple_tag(takes_context=True)
def region_name(context: Any, region: Any) -> str:
    """One region's name in the reader's language (an author's consent)."""
    if region is None:
        return ""
    language, reads = reader_of(context)
    return term_name(region, language=language, reads=reads)


@register.simple_tag(takes_context=True)
def may_harvest_course(context: Any, course: Any) -> bool:
    """Whether the reader harvests in this course (the course page links to the harvest)."""
    request = context.get("request")
    return may_harvest(getattr(request, "user", None), course)
