from __future__ import annotations

from django import template
from django.utils.translation import get_language

from ..activity import week_activity as build_week_activity
from ..discussion import week_discussion as build_week_discussion

register = template.Library()


@register.simple_tag(takes_context=True)
def week_discussion(context, week):
    """`{% week_discussion page as discussion %}`: the week's questions, links and latest posts."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    handler = getattr(request, "forum_permission_handler", None)
    return build_week_discussion(week, user, handler)


@register.simple_tag(takes_context=True)
def week_activity(context, week):
    """`{% week_activity week as activity %}`: the member's answers and the posts new to them."""
    request = context["request"]
    handler = getattr(request, "forum_permission_handler", None)
    return build_week_activity(week, request.user, get_language(), handler)
