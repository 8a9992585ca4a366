"""What happens to communities, for the layers above (notifications listens): sent by the
actions in `communities.actions`, after the change is saved and in its transaction."""

from __future__ import annotations

from django.dispatch import Signal

#: A member proposed a community: `community`, `proposer`.
community_proposed = Signal()
#: The site's moderators approved or declined it: `community`, `moderator`, `approved`.
community_decided = Signal()
#: A member asked to join a private community: `join_request`.
join_requested = Signal()
#: A host accepted or declined a request: `join_request`, `accepted`.
join_request_decided = Signal()
#: A host invited a member: `invitation`.
member_invited = Signal()
#: A host shared a topic with another community: `shared_topic`.
topic_shared = Signal()
