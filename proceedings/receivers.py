"""Bookkeeping of the harvest when a post changes outside our code (machina's forms):
a passage that is the whole post follows the post's new text into its translations; a
passage removed (or taken by its post's deletion) forgets its texts."""

from __future__ import annotations

from translations.texts import forget_texts

from .harvest import request_passage_texts
from .models import Passage


def post_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    if raw or created:
        return
    for passage in Passage.objects.filter(post=instance, text="").select_related("post"):
        request_passage_texts(passage)


def passage_deleted(sender, instance, **kwargs) -> None:
    forget_texts(instance)
