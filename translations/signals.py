"""What the pipeline tells the apps above it (they connect; translations imports none of them).

Both are sent once the translations are committed, so a receiver reads them.
"""

from __future__ import annotations

from django.dispatch import Signal

#: ``post_ids``: posts that got at least one new translation.
posts_translated = Signal()
#: ``sources``: (content type id, object id) of the objects whose texts got translations.
texts_translated = Signal()
