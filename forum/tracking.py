"""machina's unread-forum tracking, without a `get_ancestors()` query per unread forum."""

from __future__ import annotations

from typing import Any

from machina.core.db.models import get_model
from machina.core.loading import get_class

ForumReadTrack: Any = get_model("forum_tracking", "ForumReadTrack")
ForumVisibilityContentTree: Any = get_class("forum.visibility", "ForumVisibilityContentTree")
MachinaTrackingHandler: Any = get_class("forum_tracking.handler", "TrackingHandler")


class TrackingHandler(MachinaTrackingHandler):
    def get_unread_forums_from_list(self, user, forums):
        """Same answer as machina's: unread forums and their ancestors, from one query."""
        if not user.is_authenticated:
            return []
        forums = list(forums)
        by_id = {forum.id: forum for forum in forums}

        def with_ancestors(forum):
            while forum is not None:
                yield forum
                forum = by_id.get(forum.parent_id)

        nodes = ForumVisibilityContentTree.from_forums(forums).as_dict
        unread, tracked = set(), set()
        for forum_id, mark_time in ForumReadTrack.objects.filter(
            user=user, forum__in=forums
        ).values_list("forum_id", "mark_time"):
            last_post_on = nodes[forum_id].last_post_on
            if last_post_on and mark_time < last_post_on:
                unread.update(with_ancestors(by_id[forum_id]))
            tracked.add(forum_id)
        for forum in forums:
            if forum.id not in tracked and forum.direct_topics_count > 0:
                unread.update(with_ancestors(forum))
        return list(unread)
