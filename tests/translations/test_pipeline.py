"""The pipeline with real Apertium: requests, memory, idempotency, edits, languages."""

from __future__ import annotations

import pytest

from translations import pipeline
from translations.models import PostLanguage, PostTranslation, SegmentMemory

from .pipeline_helpers import CountingEngine, make_post

pytestmark = pytest.mark.django_db

SPANISH_POST = """La economía social crea **empleo digno** en las comunidades rurales.

Vean el informe en [este enlace](https://example.org/informe) y el código `ess_2024`.

> Las cooperativas necesitan políticas públicas estables.

- Acceso al crédito para las cooperativas.
- Compras públicas responsables, según @maria_lopez.
"""


def test_requesting_marks_every_other_language_pending_and_queues_after_commit(
    django_capture_on_commit_callbacks,
):
    post = make_post(SPANISH_POST)

    with django_capture_on_commit_callbacks() as callbacks:
        changed = pipeline.request_post_translation(post, targets=["es", "fr", "en"], language="es")

    rows = PostTranslation.objects.filter(post=post).order_by("language")
    assert changed is True
    assert [(r.language, r.status) for r in rows] == [("en", "pending"), ("fr", "pending")]
    assert len(callbacks) == 1


def test_spanish_post_is_translated_into_french_and_english_keeping_its_markup():
    post = make_post(SPANISH_POST, subject="Políticas para la economía social")
    pipeline.request_post_translation(post, targets=["es", "fr", "en"], language="es")

    result = pipeline.translate_pending(post.pk, engine=CountingEngine())

    assert sorted(result.translated) == ["en", "fr"]
    english = PostTranslation.objects.get(post=post, language="en")
    assert english.status == "done"
    assert english.source_language == "es"
    assert "social economy" in english.content.lower()
    assert "](https://example.org/informe)" in english.content
    assert "`ess_2024`" in english.content
    assert "@maria_lopez" in english.content
    assert english.content.count("\n> ") == 1
    assert english.content.count("\n- ") == 2
    assert "**" in english.content
    assert "<strong>" in english.content_rendered
    assert english.subject
    assert english.subject != post.subject


def test_running_the_pipeline_twice_makes_no_second_engine_call_and_no_duplicate_row():
    post = make_post(SPANISH_POST)
    pipeline.request_post_translation(post, targets=["fr", "en"], language="es")
    pipeline.translate_pending(post.pk, engine=CountingEngine())
    engine = CountingEngine()

    again = pipeline.translate_pending(post.pk, engine=engine)

    assert again.translated == []
    assert engine.calls == []
    assert PostTranslation.objects.filter(post=post).count() == 2


def test_a_segment_already_in_memory_is_never_sent_again():
    first = make_post("Las cooperativas necesitan crédito.\n\nGracias a todas.")
    second = make_post("Otra idea nueva sobre vivienda.\n\nGracias a todas.")
    for post in (first, second):
        pipeline.request_post_translation(post, targets=["en"], language="es")
    pipeline.translate_pending(first.pk, engine=CountingEngine())
    engine = CountingEngine()

    pipeline.translate_pending(second.pk, engine=engine)

    sent = [text for call in engine.calls for text in call]
    assert "Gracias a todas." not in sent
    assert "Otra idea nueva sobre vivienda." in sent


def test_editing_a_post_retranslates_only_the_changed_segments():
    post = make_post("Primer párrafo sin cambios.\n\nSegundo párrafo original.")
    pipeline.request_post_translation(post, targets=["en"], language="es")
    pipeline.translate_pending(post.pk, engine=CountingEngine())
    post.content = "Primer párrafo sin cambios.\n\nSegundo párrafo corregido."
    post.save()
    pipeline.request_post_translation(post, targets=["en"], language="es")
    engine = CountingEngine()

    pipeline.translate_pending(post.pk, engine=engine)

    sent = [text for call in engine.calls for text in call]
    assert sent == ["Segundo párrafo corregido."]
    assert PostTranslation.objects.get(post=post, language="en").status == "done"


def test_saving_an_unchanged_post_queues_nothing(django_capture_on_commit_callbacks):
    post = make_post(SPANISH_POST)
    pipeline.request_post_translation(post, targets=["fr", "en"], language="es")
    pipeline.translate_pending(post.pk, engine=CountingEngine())

    with django_capture_on_commit_callbacks() as callbacks:
        changed = pipeline.request_post_translation(post, targets=["fr", "en"], language="es")

    assert changed is False
    assert callbacks == []


def test_an_older_task_finishing_last_never_overwrites_the_newer_translation():
    post = make_post("Texto original de la primera versión.")
    pipeline.request_post_translation(post, targets=["en"], language="es")

    def author_edits_meanwhile():
        post.content = "Texto nuevo de la segunda versión."
        post.save()
        pipeline.request_post_translation(post, targets=["en"], language="es")
        pipeline.translate_pending(post.pk, engine=CountingEngine())

    pipeline.translate_pending(post.pk, engine=CountingEngine(before_return=author_edits_meanwhile))

    english = PostTranslation.objects.get(post=post, language="en")
    assert english.status == "done"
    assert "second version" in english.content.lower()
    assert english.source_digest == pipeline.source_digest(post.subject, post.content.raw)


def test_the_authors_choice_of_language_wins_over_detection():
    post = make_post("The cooperative movement needs stable public policy.", subject="Policy")
    pipeline.request_post_translation(post, targets=["es", "fr", "en"], language="fr")

    pipeline.translate_pending(post.pk, engine=CountingEngine())

    assert PostLanguage.objects.get(post=post).language == "fr"
    assert set(PostTranslation.objects.filter(post=post).values_list("language", flat=True)) == {
        "es",
        "en",
    }


def test_detection_decides_the_language_when_the_author_did_not():
    post = make_post(
        "Les coopératives du Québec ont besoin de politiques publiques stables et durables.",
        subject="Politiques publiques",
    )
    pipeline.request_post_translation(post, targets=["es", "fr", "en"])

    pipeline.translate_pending(post.pk, engine=CountingEngine())

    assert PostLanguage.objects.get(post=post).language == "fr"
    languages = set(PostTranslation.objects.filter(post=post).values_list("language", flat=True))
    assert languages == {"es", "en"}


def test_memory_keeps_out_a_translation_that_lost_its_placeholders():
    class DroppingEngine(CountingEngine):
        def translate_batch(self, texts, source, target):
            self.calls.append(list(texts))
            return [text.replace("{1}", "") for text in texts]

    post = make_post("Lean `este_codigo` con cuidado.")
    pipeline.request_post_translation(post, targets=["en"], language="es")

    pipeline.translate_pending(post.pk, engine=DroppingEngine())

    english = PostTranslation.objects.get(post=post, language="en")
    assert "`este_codigo`" in english.content
    assert not SegmentMemory.objects.filter(source_text__contains="{1}").exists()
    assert SegmentMemory.objects.filter(source_text="Hola").exists()


def test_too_many_attempts_fail_the_translation_without_calling_the_engine():
    post = make_post("Texto que nunca termina.")
    pipeline.request_post_translation(post, targets=["en"], language="es")
    PostTranslation.objects.filter(post=post).update(attempts=pipeline.MAX_ATTEMPTS)
    engine = CountingEngine()

    pipeline.translate_pending(post.pk, engine=engine)

    assert engine.calls == []
    assert PostTranslation.objects.get(post=post).status == "failed"


def test_an_organizers_retry_puts_a_failed_translation_back_in_the_queue(
    django_capture_on_commit_callbacks,
):
    post = make_post("Texto.")
    pipeline.request_post_translation(post, targets=["en"], language="es")
    pipeline.mark_failed(post.pk, error="engine down")
    failed = PostTranslation.objects.get(post=post)

    with django_capture_on_commit_callbacks() as callbacks:
        count = pipeline.retry_failed([failed.pk])

    failed.refresh_from_db()
    assert count == 1
    assert failed.status == "pending"
    assert failed.attempts == 0
    assert len(callbacks) == 1
