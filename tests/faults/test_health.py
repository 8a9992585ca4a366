"""The health check: what waits on the engine goes again once it answers, with backoff."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.translations.pipeline_helpers import make_post
from translations import health, pipeline
from translations.errors import PermanentTranslationError, TransientTranslationError
from translations.models import PostTranslation
from translations.pipeline import queueing

pytestmark = pytest.mark.django_db


class Engine:
    name = "fake"
    is_online = True

    def __init__(self, answers: bool) -> None:
        self.answers = answers
        self.calls = 0

    def translate_batch(self, texts, source, target):
        self.calls += 1
        if not self.answers:
            raise TransientTranslationError("503")
        return [f"[{target}] {text}" for text in texts]


@pytest.fixture(autouse=True)
def fresh_probe_state():
    cache.delete(health._STATE_KEY)
    yield
    cache.delete(health._STATE_KEY)


@pytest.fixture
def sent(monkeypatch) -> list[int]:
    messages: list[int] = []
    monkeypatch.setattr(
        queueing, "queue_post_translation", lambda post_id: messages.append(post_id) or True
    )
    monkeypatch.setattr(health.texts, "announce_texts", lambda countdown=None: True)
    return messages


def failed_post(error) -> int:
    post = make_post("La economía solidaria transforma los territorios.")
    pipeline.request_post_translation(post, targets=["en", "fr"], language="es")
    pipeline.mark_failed(post.pk, error=error)
    return post.pk


def statuses(post_id: int) -> set[str]:
    return set(PostTranslation.objects.filter(post_id=post_id).values_list("status", flat=True))


def test_failed_translations_go_again_once_the_probe_is_answered(sent):
    post_id = failed_post(TransientTranslationError("engine down"))
    sent.clear()

    assert health.check(engine=Engine(answers=True)) == 2

    assert statuses(post_id) == {"pending"}
    assert set(PostTranslation.objects.values_list("auto_retries", flat=True)) == {1}
    assert sent == [post_id]


def test_while_the_engine_stays_down_the_probe_backs_off(sent):
    post_id = failed_post(TransientTranslationError("engine down"))
    down = Engine(answers=False)

    assert health.check(engine=down) is None
    assert health.check(engine=down) is None  # moments later: no second probe yet

    assert down.calls == 1
    assert statuses(post_id) == {"failed"}


def test_a_failure_that_cannot_pass_is_left_to_the_organizers(sent):
    post_id = failed_post(PermanentTranslationError("the key was rejected"))
    engine = Engine(answers=True)

    assert health.check(engine=engine) is None

    assert engine.calls == 0  # nothing waits on the engine: no probe at all
    assert statuses(post_id) == {"failed"}
    ids = PostTranslation.objects.filter(post_id=post_id).values_list("pk", flat=True)
    assert pipeline.retry_failed(ids) == 2  # the organizers' button
    assert statuses(post_id) == {"pending"}


def test_a_row_that_fails_again_waits_longer_each_time_then_for_an_organizer(sent):
    post_id = failed_post(TransientTranslationError("engine down"))
    rows = PostTranslation.objects.filter(post_id=post_id)
    now = timezone.now()

    rows.update(auto_retries=1, retry_at=now - timedelta(minutes=5))
    assert not health.waiting(now)
    rows.update(retry_at=now - timedelta(minutes=11))
    assert health.waiting(now)
    rows.update(auto_retries=len(health.AUTO_RETRY_DELAYS), retry_at=now - timedelta(days=9))
    assert not health.waiting(now)


def test_translations_backing_off_after_engine_errors_go_at_once(sent):
    post = make_post("Mensaje que espera su próximo intento.")
    pipeline.request_post_translation(post, targets=["en"], language="es")
    later = timezone.now() + timedelta(minutes=16)
    PostTranslation.objects.update(retry_at=later, last_error="engine down", attempts=5)

    assert health.check(engine=Engine(answers=True)) == 1

    assert list(PostTranslation.objects.values_list("retry_at", "status")) == [(None, "pending")]
