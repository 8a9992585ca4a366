"""What a batch stores: segment memory entries and finished translations, written as the
ORM would write them, without building a model instance per row."""

from __future__ import annotations

import pytest
from django.db.models.signals import pre_init
from django.utils import timezone

from translations import pipeline
from translations.memory import remember, segment_digest, translate_segments
from translations.models import PostTranslation, SegmentMemory

from .pipeline_helpers import CountingEngine, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def instances_built():
    built: list[type] = []

    def count(sender, **kwargs):
        built.append(sender)

    pre_init.connect(count, sender=SegmentMemory)
    yield built
    pre_init.disconnect(count, sender=SegmentMemory)


def test_new_segments_are_stored_without_a_model_instance_each(instances_built):
    engine = CountingEngine()

    answers, sent = translate_segments(
        ["La cooperativa abrió.", "Gracias por leer."], source="es", target="en", engine=engine
    )

    assert sent == 2
    stored = dict(
        SegmentMemory.objects.filter(source_language="es", target_language="en").values_list(
            "source_text", "translated_text"
        )
    )
    assert stored == {"La cooperativa abrió.": answers[0], "Gracias por leer.": answers[1]}
    assert SegmentMemory.objects.filter(created_at__lte=timezone.now()).count() == 2
    assert instances_built == []


def test_a_segment_already_remembered_keeps_its_first_translation():
    digest = segment_digest("Hola")
    remember([(digest, "Hola", "Hello")], source="es", target="en", engine="apertium")

    remember(
        [(digest, "Hola", "Hi"), (segment_digest("Adiós"), "Adiós", "Bye")],
        source="es",
        target="en",
        engine="apertium",
    )

    assert dict(SegmentMemory.objects.values_list("source_text", "translated_text")) == {
        "Hola": "Hello",
        "Adiós": "Bye",
    }


def test_a_translators_text_landing_during_the_run_is_never_overwritten():
    post = make_post("La economía social crea empleo.")
    pipeline.request_post_translation(post, targets=["en", "fr"], language="es")

    def translator_reviews_english():
        PostTranslation.objects.filter(post=post, language="en").update(
            content="Reviewed by a person.", reviewed_at=timezone.now()
        )

    result = pipeline.translate_pending(
        post.pk, engine=CountingEngine(before_return=translator_reviews_english)
    )

    english = PostTranslation.objects.get(post=post, language="en")
    french = PostTranslation.objects.get(post=post, language="fr")
    assert english.content == "Reviewed by a person."
    assert english.status == "pending"
    assert french.status == "done"
    assert french.translated_at is not None
    assert french.content_rendered.startswith("<p>")
    assert result.translated == ["fr"]
