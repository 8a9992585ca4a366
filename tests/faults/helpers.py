"""Posts and page texts waiting for translation, and a bounded wait on their state."""

from __future__ import annotations

import time
from collections.abc import Callable

from machina.test.factories import create_forum

from tests.translations.pipeline_helpers import make_post
from translations import pipeline, texts
from translations.models import PostTranslation, TextTranslation

from .conftest import RECOVERY_TIMEOUT


def save_posts(count: int, label: str) -> list[int]:
    """Posts saved as a member saves them: rows pending, the task sent on commit."""
    ids = []
    for n in range(count):
        post = make_post(
            f"La economía solidaria del barrio, mensaje {label} {n}.", subject="Una pregunta"
        )
        pipeline.request_post_translation(post, targets=["en", "fr"], language="es")
        ids.append(post.pk)
    return ids


def save_page_text(label: str):
    """A forum's description, as an app asks for its texts' translations."""
    forum = create_forum()
    texts.request_texts(
        forum, [texts.Text("description", f"Un foro del barrio {label}.")], language="es"
    )
    return forum


def posts_done(post_ids: list[int]) -> bool:
    rows = PostTranslation.objects.filter(post_id__in=post_ids)
    return rows.count() == 2 * len(post_ids) and not rows.exclude(status="done").exists()


def texts_done(obj) -> bool:
    rows = TextTranslation.objects.filter(
        source__content_type=texts.content_type_of(obj), source__object_id=obj.pk
    )
    return rows.exists() and not rows.exclude(status="done").exists()


def recovered(condition: Callable[[], bool], timeout: float = RECOVERY_TIMEOUT) -> bool:
    """Whether ``condition`` holds within ``timeout`` (a bound, not a measurement)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def states(post_ids: list[int]) -> list[dict]:
    return list(
        PostTranslation.objects.filter(post_id__in=post_ids).values(
            "post_id", "language", "status", "attempts", "auto_retries", "retry_at", "last_error"
        )
    )
