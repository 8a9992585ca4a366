"""Glossary terms come back with the grammar right: the words next to an inserted term
agree with it, plurals are matched and put back in the plural.

Each rule through the one way texts are translated (``translate_texts``) and real Apertium.
"""

from __future__ import annotations

import pytest
from machina.test.factories import UserFactory

from tests.translations.course_posts import course_post, week_forum
from translations import pipeline
from translations.engines.apertium import ApertiumEngine
from translations.glossary import Glossary
from translations.grammar import regular_plural, take_english_adjectives
from translations.models import GlossaryTerm, PostTranslation
from translations.translate import translate_texts

pytestmark = pytest.mark.django_db

SOCIAL_ECONOMY = {
    "term_es": "economía social",
    "term_fr": "économie sociale",
    "term_en": "social economy",
    "gender_es": "f",
    "gender_fr": "f",
}
PUBLICATION = {
    "term_es": "publicación",
    "term_fr": "publication",
    "term_en": "publication",
    "gender_es": "f",
    "gender_fr": "f",
}
NETWORK = {"term_es": "red", "term_fr": "réseau", "term_en": "network"}
COOPERATIVE = {"term_es": "cooperativa", "term_fr": "coopérative", "term_en": "co-operative"}
POLICY = {"term_es": "política", "term_fr": "politique", "term_en": "policy"}
SPACE = {"term_es": "espacio", "term_fr": "espace", "term_en": "space"}
ASSEMBLY = {
    "term_es": "asamblea general",
    "term_fr": "assemblée générale",
    "term_en": "general assembly",
}


@pytest.fixture(scope="module")
def engine(apertium_executable):
    engine = ApertiumEngine()
    yield engine
    engine.close()


def translated(engine, text: str, *, source: str, target: str, terms: list[dict]) -> str:
    glossary = Glossary([GlossaryTerm(**term) for term in terms], source)
    [result], _sent = translate_texts(
        [text], kind="markdown", source=source, target=target, engine=engine, glossary=glossary
    )
    return result


def test_the_article_before_a_feminine_term_is_feminine(engine):
    result = translated(
        engine, "We wrote a publication.", source="en", target="es", terms=[PUBLICATION]
    )

    assert "una publicación" in result


def test_the_gender_comes_from_the_dictionary_when_the_glossary_does_not_give_it(engine):
    result = translated(
        engine, "A co-operative can join the network.", source="en", target="es",
        terms=[COOPERATIVE, NETWORK],
    )  # fmt: skip

    assert result.startswith("Una cooperativa")
    assert "la red" in result


def test_the_article_takes_the_gender_of_the_term_in_the_target_language(engine):
    result = translated(
        engine, "El rol de la red es esencial.", source="es", target="fr", terms=[NETWORK]
    )

    assert "du réseau" in result


def test_french_elides_the_article_before_a_term_that_starts_with_a_vowel(engine):
    result = translated(
        engine, "La economía social crece.", source="es", target="fr", terms=[SOCIAL_ECONOMY]
    )

    assert result.startswith("L'économie sociale")


def test_french_elides_de_before_a_term_that_starts_with_a_vowel(engine):
    result = translated(
        engine, "Three social economy laws.", source="en", target="fr", terms=[SOCIAL_ECONOMY]
    )

    assert "d'économie sociale" in result


def test_spanish_writes_a_la_for_a_feminine_term_after_to_the(engine):
    result = translated(
        engine, "We sent the report to the general assembly.", source="en", target="es",
        terms=[ASSEMBLY],
    )  # fmt: skip

    assert "a la asamblea general" in result


def test_a_feminine_term_with_a_stressed_a_takes_el(engine):
    classroom = {"term_es": "aula", "term_en": "classroom", "gender_es": "f"}

    result = translated(
        engine, "The classroom is new.", source="en", target="es", terms=[classroom]
    )

    assert result.startswith("El aula es nueva")


def test_a_term_in_the_plural_is_matched_and_put_back_in_the_plural(engine):
    result = translated(
        engine, "Les coopératives agricoles exportent.", source="fr", target="es",
        terms=[COOPERATIVE],
    )  # fmt: skip

    assert result.startswith("Las cooperativas agrícolas")


def test_the_plural_the_organizers_wrote_wins_over_the_rule(engine):
    character = {
        "term_es": "carácter",
        "plural_es": "caracteres",
        "term_en": "character",
        "gender_es": "m",
    }

    result = translated(
        engine, "Special characters are refused.", source="en", target="es", terms=[character]
    )

    assert "caracteres" in result
    assert "carácteres" not in result


def test_an_adjective_after_the_term_agrees_with_it(engine):
    result = translated(
        engine, "Nuestra cooperativa tiene tres redes locales.", source="es", target="fr",
        terms=[COOPERATIVE, NETWORK],
    )  # fmt: skip

    assert "trois réseaux locaux" in result


def test_an_adjective_between_the_article_and_the_term_agrees_with_it(engine):
    result = translated(
        engine, "The new co-operatives need support.", source="en", target="es",
        terms=[COOPERATIVE],
    )  # fmt: skip

    assert result.startswith("Las nuevas cooperativas")


def test_an_adjective_after_is_agrees_with_a_term_that_opens_the_sentence(engine):
    result = translated(
        engine, "Our publication is new.", source="en", target="es", terms=[PUBLICATION]
    )

    assert result.startswith("Nuestra publicación es nueva")


def test_english_puts_the_adjective_before_the_term_and_writes_an(engine):
    result = translated(
        engine, "Participamos en una red internacional.", source="es", target="en",
        terms=[NETWORK],
    )  # fmt: skip

    assert "an international network" in result


def test_an_english_term_that_modifies_a_noun_goes_after_it(engine):
    result = translated(
        engine, "These publications describe three social economy laws.", source="en",
        target="es", terms=[SOCIAL_ECONOMY, PUBLICATION],
    )  # fmt: skip

    assert "tres leyes de economía social" in result
    assert "Economía social leyes" not in result


def test_french_nouvelle_before_a_term_stays_an_adjective(engine):
    result = translated(
        engine, "Une nouvelle publication sort demain.", source="fr", target="es",
        terms=[PUBLICATION],
    )  # fmt: skip

    assert "noticia" not in result
    assert result.startswith(("Una publicación nueva", "Una nueva publicación"))


@pytest.mark.parametrize(
    ("target", "expected"),
    [("es", "Co-Construcción de política pública"), ("fr", "de politique publique")],
)
def test_an_english_adjective_before_a_term_goes_after_it(engine, target, expected):
    result = translated(
        engine, "Co-construction of public policy", source="en", target=target, terms=[POLICY]
    )

    assert expected in result


@pytest.mark.parametrize(
    ("target", "expected"), [("es", "Políticas sociales "), ("fr", "Politiques sociales ")]
)
def test_an_adjective_moved_after_a_plural_term_is_plural(engine, target, expected):
    result = translated(
        engine, "Social policies reduce poverty.", source="en", target=target, terms=[POLICY]
    )

    assert result.startswith(expected)


@pytest.mark.parametrize(
    ("target", "expected"), [("es", "La nueva política "), ("fr", "La nouvelle politique ")]
)
def test_an_adjective_that_stands_first_stays_before_the_term(engine, target, expected):
    result = translated(
        engine, "The new policy starts in May.", source="en", target=target, terms=[POLICY]
    )

    assert result.startswith(expected)


@pytest.mark.parametrize(
    ("target", "expected"), [("es", "una política fuerte."), ("fr", "une politique forte.")]
)
def test_the_article_agrees_with_a_term_whose_adjective_moved_after_it(engine, target, expected):
    result = translated(
        engine, "We need a strong policy.", source="en", target=target, terms=[POLICY]
    )

    assert result.endswith(expected)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("es", "sus políticas sociales y económicas"),
        ("fr", "ses politiques sociales et économiques"),
    ],
)
def test_two_adjectives_joined_by_and_go_after_the_term_together(engine, target, expected):
    result = translated(
        engine, "The city debated its social and economic policies.", source="en",
        target=target, terms=[POLICY],
    )  # fmt: skip

    assert expected in result


def test_spanish_shortens_an_adjective_that_stands_first(engine):
    result = translated(engine, "A big network joined.", source="en", target="es", terms=[NETWORK])

    assert result.startswith("Una gran red ")


def test_french_writes_nouvel_before_a_masculine_term_with_a_vowel(engine):
    result = translated(
        engine, "A new international space opened.", source="en", target="fr", terms=[SPACE]
    )

    assert result.startswith("Un nouvel espace international ")


@pytest.mark.parametrize(
    ("target", "expected"), [("es", "apoya redes locales"), ("fr", "soutient réseaux locaux")]
)
def test_an_adjective_left_for_the_engine_after_a_verb_still_goes_after_the_term(
    engine, target, expected
):
    # "supports" may be a noun: without "local" after it, the engine's tagger reads
    # "supports {G1}" as two nouns ("Los apoyos de Unión europeos …").
    result = translated(
        engine, "The European Union supports local networks.", source="en", target=target,
        terms=[NETWORK],
    )  # fmt: skip

    assert expected in result


def test_french_writes_de_not_des_before_an_adjective(engine):
    result = translated(
        engine, "The same policy applies to other co-operatives.", source="en", target="fr",
        terms=[POLICY, COOPERATIVE],
    )  # fmt: skip

    assert "à d'autres coopératives" in result


def test_a_participle_after_avoir_before_a_term_does_not_agree_with_it(engine):
    result = translated(
        engine, "Many regions adopted environmental policies.", source="en", target="fr",
        terms=[POLICY],
    )  # fmt: skip

    assert "adopté politiques environnementales" in result


def test_an_adjective_written_for_both_numbers_has_a_feminine_plural(engine):
    result = translated(
        engine, "The plan includes several public policies.", source="en", target="fr",
        terms=[POLICY],
    )  # fmt: skip

    assert "diverses politiques publiques" in result


@pytest.mark.parametrize(
    "text",
    [
        "a very strong {G1}",  # the adverb bears on the adjective
        "social, economic and cultural {G1}",  # a list longer than the rule follows
        "the Social {G1} Act",  # a capital in mid-sentence: a name
        "the first {G1}",  # a determiner to the dictionary, for the engine to place
    ],
)
def test_adjectives_the_rule_cannot_carry_are_left_in_the_source(text):
    taken = take_english_adjectives(text, frozenset({1}))

    assert taken.text == text
    assert taken.adjectives == {}


def test_a_term_that_opens_a_sentence_is_capitalised_and_the_next_word_is_not(engine):
    result = translated(
        engine, "Social economy is growing.", source="en", target="es", terms=[SOCIAL_ECONOMY]
    )

    assert result.startswith("Economía social está")


def test_a_name_kept_as_written_still_takes_french_elision(engine):
    oxfam = {"term_es": "Oxfam", "do_not_translate": True}

    result = translated(
        engine, "El informe de Oxfam salió ayer.", source="es", target="fr", terms=[oxfam]
    )

    assert "d'Oxfam" in result


def test_adding_a_term_retranslates_the_posts_that_use_it_only_in_the_plural(
    week, organizer, course, engine
):
    forum = week_forum(week, organizer)
    post = course_post(
        forum, UserFactory(), content="Las economías sociales crecen.", language="es"
    )
    pipeline.translate_pending(post.pk, engine=engine)

    GlossaryTerm.objects.create(course=course, **SOCIAL_ECONOMY)

    assert PostTranslation.objects.get(post=post, language="fr").status == "pending"
    pipeline.translate_pending(post.pk, engine=engine)
    assert "économies sociales" in PostTranslation.objects.get(post=post, language="fr").content


@pytest.mark.parametrize(
    ("term", "language", "plural"),
    [
        ("economía social", "es", "economías sociales"),
        ("banco de tiempo", "es", "bancos de tiempo"),
        ("región", "es", "regiones"),
        ("luz", "es", "luces"),
        ("réseau local", "fr", "réseaux locaux"),
        ("économie sociale et solidaire", "fr", "économies sociales et solidaires"),
        ("prix", "fr", "prix"),
        ("time bank", "en", "time banks"),
        ("bank of time", "en", "banks of time"),
        ("general assembly", "en", "general assemblies"),
    ],
)
def test_a_term_without_its_plural_gets_the_regular_one(term, language, plural):
    assert regular_plural(term, language) == plural
