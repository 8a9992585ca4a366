"""machina's `forum_list` tag, with our constant-query unread tracking.

Loaded after machina's `forum_tags` in our copies of forum/index.html and
forum/forum_detail.html, so this `forum_list` replaces machina's there.
"""

from __future__ import annotations

from django import template

from forum.tracking import TrackingHandler

register = template.Library()


@register.inclusion_tag("forum/forum_list.html", takes_context=True)
def forum_list(context, forum_visibility_contents):
    request = context.get("request")
    data = {
        "forum_contents": forum_visibility_contents,
        "unread_forums": TrackingHandler(request=request).get_unread_forums_from_list(
            request.user, forum_visibility_contents.forums
        ),
        "user": request.user,
        "request": request,
    }
    root_level = forum_visibility_contents.root_level
    if root_level is not None:
        data.update(
            root_level=root_level, root_level_middle=root_level + 1, root_level_sub=root_level + 2
        )
    return data
