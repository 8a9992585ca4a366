"""bench/translation_fidelity.py's parts on a tiny corpus: the figures it prints mean what
docs/benchmarks.md says. No figure is asserted, only that each is measured right."""

from __future__ import annotations

import sys
from importlib import import_module
from pathlib import Path
from types import ModuleType

import pytest

from translations.engines import get_engine
from translations.memory import segment_digest
from translations.models import SegmentMemory

BENCH = Path(__file__).resolve().parents[2] / "bench"


def bench(name: str) -> ModuleType:
    """A bench module; the bench scripts import one another by name, as scripts do."""
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    return import_module(name)


def test_catalog_entries_are_aligned_through_the_english_msgid():
    items = bench("fidelity_corpus").catalog_items(("django",))

    by_msgid = {item.texts["en"]: item for item in items}
    required = by_msgid["This field is required."]
    assert required.texts == {
        "en": "This field is required.",
        "es": "Este campo es obligatorio.",
        "fr": "Ce champ est obligatoire.",
    }
    assert required.origin == "django/conf/django.po"


def test_catalog_entries_with_tags_are_measured_as_html():
    items = bench("fidelity_corpus").catalog_items(("django",))

    kinds = {item.kind for item in items if "<a href" in item.texts["en"]}

    assert kinds == {"html"}


def test_a_short_run_draws_from_every_catalog():
    corpus = bench("fidelity_corpus")
    items = corpus.catalog_items(("django", "machina"))

    chosen = corpus.sample(items, 20)

    assert len(chosen) == 20
    assert {item.origin.split("/")[0] for item in chosen} == {"django", "machina"}


@pytest.mark.parametrize(
    ("source", "output"),
    [
        ("Lee [el informe](https://example.org/a).", "Lisez [le rapport](https://example.org/b)."),
        ("Abre `config.yml` ahora.", "Ouvre config.yml maintenant."),
        ("- [x] Leer el capítulo", "- [X] Lire le chapitre"),
        ("Consulta [el presupuesto][].\n\n[el presupuesto]: /p", "Voir [le budget][].\n\n"),
        ("No es *una* cooperativa.", "Ce n'est ** une coopérative."),
        ("Borrar %(name)s", "Supprimer %(nom)s"),
        ("Hola <kbd>Ctrl</kbd>", "Bonjour <kbd class='x'>Ctrl</kbd>"),
    ],
)
def test_markup_notices_what_a_reader_would_see_lost(source, output):
    markup = bench("fidelity_measures").markup

    assert markup(output, "markdown") != markup(source, "markdown")


def test_markup_ignores_how_the_same_tags_are_written():
    markup = bench("fidelity_measures").markup

    written = '<a href="%(url)s" target="_blank" rel="noreferrer">aquí</a><br><meta name="r">'
    rewritten = "<a rel='noreferrer' target=\"_blank\" href='%(url)s'>ici</a><br/><meta name=r />"

    assert markup(rewritten, "html") == markup(written, "html")


def test_prose_left_as_the_source_is_found_between_markup():
    measures = bench("fidelity_measures")
    source = "Abre `config.yml` y revisa la sección `mail`."
    alone = {"Abre": "Ouvre", "y revisa la sección": "et révise la section"}

    left = measures.left_as_source(source, "markdown", source, "Ouvre…", alone)

    assert left == ["Abre", "y revisa la sección"]


def test_words_the_engine_keeps_or_the_reference_shares_are_not_left_as_the_source():
    measures = bench("fidelity_measures")
    alone = {"Wagtail": "Wagtail", "Continue": "Il continue", "Total": "Total general"}

    kept = measures.left_as_source("Wagtail", "markdown", "Wagtail", "Bergeronnette", alone)
    inside = measures.left_as_source("Continue", "markdown", "Il continue", "Continuer", alone)
    shared = measures.left_as_source("Total", "markdown", "Total", "Total", alone)

    assert (kept, inside, shared) == ([], [], [])


@pytest.mark.django_db
def test_each_path_starts_from_an_empty_memory():
    corpus, measures = bench("fidelity_corpus"), bench("fidelity_measures")
    items = [corpus.Item({"es": "Hola a todos.", "fr": "Bonjour à tous."}, "markdown", "t")]
    # What an earlier run would have left behind, under the key the project's path uses.
    SegmentMemory.objects.create(
        source_digest=segment_digest("Hola a todos."),
        source_language="es",
        target_language="fr",
        engine="apertium",
        source_text="Hola a todos.",
        translated_text="Stale answer.",
    )

    direction = measures.measure_direction(items, "es", "fr", lambda: get_engine("apertium"))

    assert "Stale" not in direction.project.outputs[0]
    assert not SegmentMemory.objects.exists()


@pytest.mark.django_db
def test_both_paths_are_scored_on_the_same_items():
    corpus, measures = bench("fidelity_corpus"), bench("fidelity_measures")
    items = corpus.markdown_items()[:3]

    direction = measures.measure_direction(items, "es", "en", lambda: get_engine("apertium"))

    assert len(direction.project.outputs) == len(direction.raw.outputs) == 3
    assert all(0 < direction.chrf(path) <= 100 for path in (direction.project, direction.raw))
    assert set(direction.alone) == {
        piece for item in items for piece in measures.prose(item.texts["es"], item.kind)
    }


def test_agreement_patterns_tell_an_agreed_term_from_an_inserted_one():
    glossary = bench("fidelity_glossary")
    patterns = next(
        by["fr"] for lang, text, by in glossary.SENTENCES if text.startswith("La economía social")
    )

    assert glossary.agrees("L'économie sociale grandit dans toute la région.", patterns)
    assert not glossary.agrees("La économie sociale grandit en toute la région.", patterns)


def test_a_singular_verb_after_a_plural_subject_term_is_told_apart():
    glossary = bench("fidelity_glossary")
    sentence = "These publications describe three social economy laws."

    assert glossary.verb_agrees(sentence, "es", "Estas publicaciones describen tres leyes.")
    assert not glossary.verb_agrees(sentence, "es", "Estas publicaciones describe tres leyes.")
    assert glossary.verb_agrees("Esta publicación es muy útil.", "fr", "anything") is None


def test_every_verb_check_belongs_to_a_sentence_and_a_target_it_has():
    glossary = bench("fidelity_glossary")
    targets = {text: set(by) for _language, text, by in glossary.SENTENCES}

    for sentence, by_target in glossary.VERBS.items():
        assert set(by_target) <= targets[sentence]


def test_every_sentence_has_patterns_for_both_other_languages():
    glossary = bench("fidelity_glossary")

    for language, _text, by_target in glossary.SENTENCES:
        assert sorted(by_target) == sorted({"es", "fr", "en"} - {language})


def test_terms_alone_leave_out_the_grammar():
    glossary = bench("fidelity_glossary")

    terms, _missing = glossary.glossary_terms(grammar=False)

    assert terms[0].term_fr == "économie sociale"
    assert all(not getattr(term, "gender_fr", "") for term in terms)


@pytest.mark.django_db
def test_a_row_gives_both_paths_side_by_side():
    corpus, measures = bench("fidelity_corpus"), bench("fidelity_measures")
    items = corpus.markdown_items()[:2]
    direction = measures.measure_direction(items, "fr", "es", lambda: get_engine("apertium"))

    row = bench("translation_fidelity").row("fr→es", direction, None)

    label, count, *figures = row.split()
    assert (label, count) == ("fr→es", "2")
    assert len(figures) == 6
    assert all(figure.endswith("%") for figure in figures[2:])


@pytest.mark.django_db
def test_agreement_is_checked_for_every_sentence_of_a_direction():
    glossary = bench("fidelity_glossary")

    results = glossary.agreement(
        lambda: get_engine("apertium"), grammar=False, directions=(("fr", "en"),)
    )

    checks = results["fr", "en"]
    assert len(checks) == sum(language == "fr" for language, _, _ in glossary.SENTENCES)
    # The glossary's rendering, not Apertium's "cooperative": the terms were applied.
    assert any("co-operative" in check.output for check in checks)
