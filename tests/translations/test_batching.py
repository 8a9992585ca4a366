"""A task translates a burst of waiting posts together: one engine call per language pair."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from translations import pipeline
from translations.models import PostTranslation
from translations.pipeline import queueing

from .pipeline_helpers import CountingEngine, make_post

pytestmark = pytest.mark.django_db


def waiting_posts(count: int):
    posts = [make_post(f"Mensaje número {n} sobre las cooperativas.") for n in range(count)]
    for post in posts:
        pipeline.request_post_translation(post, targets=["en", "fr"], language="es")
    return posts


def test_one_run_translates_waiting_posts_with_one_engine_call_per_language_pair():
    posts = waiting_posts(5)
    engine = CountingEngine()

    result = pipeline.translate_pending(posts[0].pk, engine=engine, batch=20)

    assert sorted(result.translated) == ["en", "fr"]
    assert len(engine.calls) == 2
    assert PostTranslation.objects.filter(post__in=posts, status="done").count() == 10


def test_the_batch_never_exceeds_its_size():
    posts = waiting_posts(4)

    pipeline.translate_pending(posts[0].pk, engine=CountingEngine(), batch=2)

    done_posts = set(
        PostTranslation.objects.filter(status="done").values_list("post_id", flat=True)
    )
    assert len(done_posts) == 2
    assert posts[0].pk in done_posts


def test_a_post_claimed_by_another_run_is_left_to_it():
    (post,) = waiting_posts(1)
    PostTranslation.objects.filter(post=post).update(retry_at=timezone.now() + timedelta(minutes=5))
    engine = CountingEngine()

    result = pipeline.translate_pending(post.pk, engine=engine, batch=20)

    assert result.translated == []
    assert engine.calls == []


def test_a_retry_takes_back_its_own_claimed_post():
    (post,) = waiting_posts(1)
    PostTranslation.objects.filter(post=post).update(
        retry_at=timezone.now() + timedelta(seconds=30)
    )

    result = pipeline.translate_pending(post.pk, engine=CountingEngine(), is_retry=True)

    assert sorted(result.translated) == ["en", "fr"]


def test_the_posts_taken_along_are_not_taken_again_by_their_own_tasks():
    posts = waiting_posts(3)
    pipeline.translate_pending(posts[0].pk, engine=CountingEngine(), batch=20)
    engine = CountingEngine()

    for post in posts[1:]:
        pipeline.translate_pending(post.pk, engine=engine, batch=20)

    assert engine.calls == []


def test_a_failed_batch_hands_the_posts_it_took_along_back_to_their_own_tasks(monkeypatch):
    from translations.errors import TransientTranslationError

    class DownEngine(CountingEngine):
        def translate_batch(self, texts, source, target):
            raise TransientTranslationError("engine down")

    queued: list[int] = []
    monkeypatch.setattr(queueing, "queue_post_translation", queued.append)
    posts = waiting_posts(3)

    with pytest.raises(TransientTranslationError):
        pipeline.translate_pending(posts[0].pk, engine=DownEngine(), batch=20)

    others = PostTranslation.objects.filter(post__in=posts[1:])
    assert set(others.values_list("retry_at", flat=True)) == {None}
    assert sorted(queued) == sorted(post.pk for post in posts[1:])
