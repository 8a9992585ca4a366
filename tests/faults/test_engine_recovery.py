"""Translations failed after every retry go again by themselves once the engine answers.

The health check (beat, every few seconds, only while something waits on the engine)
probes the engine with one word, backing off while it stays down; when it answers, the
failed translations are pending again and a task is sent. The organizers' view and button
stay for failures that cannot pass.
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from translations import health, pipeline
from translations.errors import TransientTranslationError
from translations.models import PostTranslation, TextTranslation

from .helpers import posts_done, recovered, save_page_text, save_posts, states, texts_done

ENGINE_DOWN = TransientTranslationError("LibreTranslate answered 503")


def probes(engine) -> int:
    """The health check's one-word requests (the posts' texts are longer)."""
    return sum(
        1
        for call in engine.calls("/libre/translate")
        if call.query.get("q") == [health.PROBE_TEXT]
        or f'"{health.PROBE_TEXT}"'.encode() in call.body
        or f"q={health.PROBE_TEXT}&".encode() in call.body + b"&"
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_failed_posts_and_texts_are_translated_once_the_engine_answers_again(engine, worker):
    engine.reply("libre", 503, {"error": "down"}, times=10_000)
    post_ids = save_posts(3, "motor caído")
    forum = save_page_text("motor caído")
    # Every retry used up, as the last one leaves them (tasks.translate_post, texts).
    assert recovered(lambda: engine.calls("/libre/translate"), timeout=60)
    for post_id in post_ids:
        pipeline.mark_failed(post_id, error=ENGINE_DOWN)
    TextTranslation.objects.update(status="failed", retry_at=timezone.now())
    assert set(PostTranslation.objects.values_list("status", flat=True)) == {"failed"}

    # While the engine stays down the health check probes it and changes nothing.
    assert recovered(lambda: probes(engine) >= 2, timeout=60)
    assert set(PostTranslation.objects.values_list("status", flat=True)) == {"failed"}

    engine.reset()  # the engine answers again

    assert recovered(lambda: posts_done(post_ids)), states(post_ids)
    assert recovered(lambda: texts_done(forum))
    assert set(PostTranslation.objects.values_list("auto_retries", flat=True)) == {1}, states(
        post_ids
    )
