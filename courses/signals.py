"""What courses tell the apps built on them. Sent by the actions in `courses.enrollment`."""

from __future__ import annotations

from django.dispatch import Signal

#: A person's place in a course changed (enrolled, role or week changed, withdrew, chose to
#: leave or stay after the course). Arguments: ``course`` (the source course page), ``user``.
#: Sent inside the action's transaction, once the course's own groups are up to date.
enrollment_changed = Signal()
