"""A course's glossary: every engine's output uses the agreed renderings, and editing it
re-translates the posts that use the term."""

from __future__ import annotations

import pytest
from machina.test.factories import UserFactory

from tests.translations.course_posts import course_post, week_forum
from translations import pipeline
from translations.engines.apertium import ApertiumEngine
from translations.engines.deepl_api import DeepLEngine
from translations.engines.libretranslate import LibreTranslateEngine
from translations.glossary import Glossary
from translations.models import GlossaryTerm, PostTranslation

pytestmark = pytest.mark.django_db

SSE = {
    "term_fr": "économie sociale et solidaire",
    "term_es": "economía social y solidaria",
    "term_en": "social and solidarity economy",
}


@pytest.fixture
def forum(week, organizer):
    return week_forum(week, organizer)


@pytest.fixture
def glossary(course):
    GlossaryTerm.objects.create(course=course, **SSE)
    GlossaryTerm.objects.create(course=course, term_fr="Chantier", do_not_translate=True)


def translation(post, language: str) -> PostTranslation:
    return PostTranslation.objects.get(post=post, language=language)


FRENCH = "Le Chantier soutient l'économie sociale et solidaire au Québec."


def test_apertium_output_uses_the_agreed_renderings(forum, glossary):
    post = course_post(forum, UserFactory(), content=FRENCH, language="fr")

    pipeline.translate_pending(post.pk, engine=ApertiumEngine())

    english, spanish = translation(post, "en").content, translation(post, "es").content
    assert "social and solidarity economy" in english
    assert "economía social y solidaria" in spanish
    assert "Chantier" in english
    assert "Chantier" in spanish


def test_the_libretranslate_provider_output_uses_the_agreed_renderings(forum, glossary, loopback):
    post = course_post(forum, UserFactory(), content=FRENCH, language="fr")

    pipeline.translate_pending(post.pk, engine=LibreTranslateEngine(url=loopback.url("libre")))

    sent = [text for call in loopback.calls("/libre/translate") for text in call.json["q"]]
    assert all("économie sociale" not in text for text in sent)
    assert translation(post, "en").content == (
        "[en] Le Chantier soutient l'social and solidarity economy au Québec."
    )
    assert "economía social y solidaria" in translation(post, "es").content


def test_the_deepl_provider_output_uses_the_agreed_renderings(forum, glossary, loopback):
    engine = DeepLEngine(api_key="deepl-test-key", url=loopback.url("deepl"))
    post = course_post(forum, UserFactory(), content=FRENCH, language="fr")

    pipeline.translate_pending(post.pk, engine=engine)

    assert "social and solidarity economy" in translation(post, "en").content
    assert "Chantier" in translation(post, "es").content


def test_a_term_is_matched_whatever_its_case_and_only_as_whole_words():
    term = GlossaryTerm(term_es="cooperativa", term_en="co-operative")
    glossary = Glossary([term], "es")

    assert glossary.protect("La Cooperativa crece.").text == "La {G1} crece."
    assert glossary.protect("El cooperativismo crece.").text == "El cooperativismo crece."
    assert glossary.protect("La Cooperativa crece.").restore("The {G1} grows.", "en") == (
        "The Co-operative grows."
    )


def test_the_longest_term_wins_over_a_shorter_one_inside_it():
    glossary = Glossary(
        [GlossaryTerm(term_fr="économie sociale", term_en="social economy"), GlossaryTerm(**SSE)],
        "fr",
    )

    protected = glossary.protect("L'économie sociale et solidaire grandit.")

    assert protected.restore(protected.text, "en") == ("L'social and solidarity economy grandit.")


def test_a_translation_that_lost_a_term_is_not_used(forum, glossary):
    protected = Glossary(GlossaryTerm.objects.all(), "fr").protect(FRENCH)

    assert protected.restore("The Chantier supports it.", "en") is None


def test_adding_a_term_retranslates_the_posts_that_use_it(
    forum, course, django_capture_on_commit_callbacks
):
    post = course_post(forum, UserFactory(), content=FRENCH, language="fr")
    other = course_post(forum, UserFactory(), content="Bonjour à tous.", language="fr")
    pipeline.translate_pending(post.pk, engine=ApertiumEngine())
    pipeline.translate_pending(other.pk, engine=ApertiumEngine())
    assert "social and solidarity economy" not in translation(post, "en").content

    with django_capture_on_commit_callbacks() as queued:
        GlossaryTerm.objects.create(course=course, **SSE)

    assert translation(post, "en").status == PostTranslation.Status.PENDING
    assert translation(other, "en").status == PostTranslation.Status.DONE
    assert len(queued) == 1
    pipeline.translate_pending(post.pk, engine=ApertiumEngine())
    assert "social and solidarity economy" in translation(post, "en").content


def test_changing_a_rendering_applies_it_without_asking_the_engine_again(forum, course):
    term = GlossaryTerm.objects.create(course=course, **SSE)
    post = course_post(forum, UserFactory(), content=FRENCH, language="fr")
    pipeline.translate_pending(post.pk, engine=ApertiumEngine())

    term.term_en = "social solidarity economy"
    term.save()
    result = pipeline.translate_pending(post.pk, engine=ApertiumEngine())

    assert result.segments_sent == 0  # the memory holds the text around the term
    assert "social solidarity economy" in translation(post, "en").content


def test_deleting_a_term_retranslates_without_it(forum, course):
    term = GlossaryTerm.objects.create(course=course, **SSE)
    post = course_post(forum, UserFactory(), content=FRENCH, language="fr")
    pipeline.translate_pending(post.pk, engine=ApertiumEngine())

    term.delete()

    assert translation(post, "en").status == PostTranslation.Status.PENDING
    pipeline.translate_pending(post.pk, engine=ApertiumEngine())
    assert "social and solidarity economy" not in translation(post, "en").content


def test_a_glossary_change_leaves_a_translators_text_alone(forum, course, organizer):
    from translations.review import save_reviewed_translation

    post = course_post(forum, UserFactory(), content=FRENCH, language="fr")
    pipeline.translate_pending(post.pk, engine=ApertiumEngine())
    save_reviewed_translation(
        translation(post, "en"), subject="Hello", content="Reviewed text.", editor=organizer
    )

    GlossaryTerm.objects.create(course=course, **SSE)

    reviewed = translation(post, "en")
    assert reviewed.status == PostTranslation.Status.DONE
    assert reviewed.content == "Reviewed text."
    assert translation(post, "es").status == PostTranslation.Status.PENDING
