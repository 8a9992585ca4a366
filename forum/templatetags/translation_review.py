from __future__ import annotations

from django import template

from forum.course_of import course_of_forum
from forum.translator_rights import may_translate

register = template.Library()


@register.simple_tag(takes_context=True)
def may_edit_translations(context, topic) -> bool:
    """Whether the reader may correct the translations of this topic's posts (one check a page)."""
    user = context["request"].user
    if not user.is_authenticated:
        return False
    return may_translate(user, course_of_forum(topic.forum_id))
