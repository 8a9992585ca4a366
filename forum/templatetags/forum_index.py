"""machina's `forum_list` tag, with our constant-query unread tracking, and each forum's
lookups in constant time.

machina's template asks, for every forum, whether it is in the unread list and whether
its neighbours are in the visible list, and its nodes find their neighbours with
`list.index`: each a scan of every forum, so the page's work grew with the square of the
forums. Sets and neighbours found in one pass keep it linear.

Loaded after machina's `forum_tags` in our copies of forum/index.html and
forum/forum_detail.html, so this `forum_list` replaces machina's there.
"""

from __future__ import annotations

from django import template

from forum.tracking import TrackingHandler

register = template.Library()


class ForumSet(list):
    """A list of forums (in tree order) whose `in` looks the forum's id up in a set."""

    def __init__(self, forums):
        super().__init__(forums)
        self.ids = {forum.pk for forum in self}

    def __contains__(self, forum) -> bool:
        return getattr(forum, "pk", None) in self.ids


def with_constant_lookups(tree):
    """The tree, its visible forums a `ForumSet` and each node's neighbours set in one pass
    (the values machina's `cached_property`s would compute by scanning)."""
    tree.__dict__["visible_forums"] = ForumSet(node.obj for node in tree.visible_nodes)
    top_level: dict[int, list] = {}
    for node in tree.nodes:
        if node.parent is None:
            top_level.setdefault(node.level, []).append(node)
    groups = [node.children for node in tree.nodes if node.children] + list(top_level.values())
    for group in groups:
        for index, node in enumerate(group):
            node.__dict__["previous_sibling"] = group[index - 1] if index else None
            node.__dict__["next_sibling"] = group[index + 1] if index + 1 < len(group) else None
    return tree


@register.inclusion_tag("forum/forum_list.html", takes_context=True)
def forum_list(context, forum_visibility_contents):
    request = context.get("request")
    data = {
        "forum_contents": with_constant_lookups(forum_visibility_contents),
        "unread_forums": ForumSet(
            TrackingHandler(request=request).get_unread_forums_from_list(
                request.user, forum_visibility_contents.forums
            )
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
