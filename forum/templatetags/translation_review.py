from __future__ import annotations

from django import template

from forum.courses import course_for_forum, may_translate

register = template.Library()


@register.simple_tag(takes_context=True)
def may_edit_translations(context, topic) -> bool:
    """Whether the reader may correct the translations of this topic's posts (one check a page)."""
    user = context["request"].user
    if not user.is_authenticated:
        return False
    return may_translate(user, course_for_forum(topic.forum_id))
