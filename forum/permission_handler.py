"""machina's permission handler with its forum-tree filter done in memory.

machina walks the forum tree with one `get_children()` query per forum to drop forums
whose ancestors are not granted; the forum list it already holds says the same.
"""

from __future__ import annotations

from typing import Any

from machina.core.loading import get_class

MachinaPermissionHandler: Any = get_class("forum_permission.handler", "PermissionHandler")
MachinaForumPermissionMiddleware: Any = get_class(
    "forum_permission.middleware", "ForumPermissionMiddleware"
)


class PermissionHandler(MachinaPermissionHandler):
    def _filter_granted_forums_using_tree(self, granted_forums):
        granted = {forum.id for forum in granted_forums}
        forums = self._get_all_forums()
        parent_of = {forum.id: forum.parent_id for forum in forums}

        def reachable(forum_id: int | None) -> bool:
            while forum_id is not None:
                if forum_id not in granted:
                    return False
                forum_id = parent_of.get(forum_id)
            return True

        return [forum for forum in forums if reachable(forum.id)]


class ForumPermissionMiddleware(MachinaForumPermissionMiddleware):
    def process_request(self, request):
        super().process_request(request)
        request.forum_permission_handler = PermissionHandler()
