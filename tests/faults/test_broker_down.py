"""The broker down while members post: once it is back, the waiting translations are done.

A task that cannot be sent leaves its rows pending and clears the queue's mark; beat's
frequent sweep sends a task as soon as the broker answers (it used to wait for the
10-minute grace of the 5-minute sweep: 13.8 minutes in the issue).
"""

from __future__ import annotations

import pytest

from translations.models import PostTranslation, TextTranslation, TranslationQueue

from .helpers import posts_done, recovered, save_page_text, save_posts, states, texts_done


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_posts_and_texts_saved_while_the_broker_is_down_are_translated_once_it_returns(
    broker, engine, worker
):
    broker.stop()
    try:
        post_ids = save_posts(3, "sin broker")
        forum = save_page_text("sin broker")

        # Saved, nothing sent, and nothing recorded as on its way: the sweep may send.
        assert set(PostTranslation.objects.values_list("status", flat=True)) == {"pending"}
        assert set(TextTranslation.objects.values_list("status", flat=True)) == {"pending"}
        assert not TranslationQueue.objects.filter(waiting_since__isnull=False).exists()
    finally:
        broker.start()  # empty: whatever it held before is gone, as after a crash

    assert recovered(lambda: posts_done(post_ids)), states(post_ids)
    assert recovered(lambda: texts_done(forum))
    assert engine.calls("/libre/translate")
