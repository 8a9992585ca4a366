"""What the forum tells the apps built on it."""

from __future__ import annotations

from django.dispatch import Signal

#: A post's themes or region were set (by its author's form or an editor's). Arguments:
#: ``post``, ``tags`` (the post's `PostTags`), ``added_themes`` (ids of the themes it did not
#: have before), ``region_changed`` (bool). Sent in the transaction that saved them.
post_tags_changed = Signal()
