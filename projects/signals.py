"""What projects tell the layers above (notifications listens; projects imports none of them).

- ``offer_made(sender=Offer, offer)``: a member offered help; the project's owner hears of it.
- ``offer_decided(sender=Offer, offer)``: the owner accepted or declined; the offerer hears.

Sent by `projects.actions` inside the action's transaction, so a notice is written with the
offer or not at all.
"""

from __future__ import annotations

from django.dispatch import Signal

offer_made = Signal()
offer_decided = Signal()
