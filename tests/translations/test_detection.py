"""detect_language tells Spanish, French and English posts apart, or admits it cannot."""

from __future__ import annotations

import pytest

from translations import detection
from translations.detection import detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Hola a todos, ¿cómo están? Creo que la propuesta del barrio es muy buena.", "es"),
        ("Bonjour à tous, je pense que la proposition du quartier est très bonne.", "fr"),
        ("Hello everyone, I think the neighbourhood proposal is very good.", "en"),
        ("La política urbana", "es"),
        ("La politique de la ville", "fr"),
    ],
)
def test_each_cohort_language_is_recognised(text, language):
    assert detect_language(text) == language


def test_code_and_links_do_not_outvote_the_prose():
    post = (
        "Mirad este ejemplo, funciona muy bien:\n\n"
        "```python\nfor item in items:\n    print(item.name, 'is ready for the release')\n```\n\n"
        "Más en [la documentación](https://docs.example.com/getting-started/install-the-tools)."
    )

    assert detect_language(post) == "es"


@pytest.mark.parametrize("text", ["", "   ", "OK", "`print(x)`", "https://example.org/home"])
def test_empty_or_wordless_text_gets_the_default(text):
    assert detect_language(text) is None
    assert detect_language(text, default="es") == "es"


def test_ambiguous_text_gets_the_default():
    assert detect_language("taxi hotel", default="fr") == "fr"


def test_detector_is_built_once():
    detect_language("Hola a todos")
    first = detection._get_detector()

    detect_language("Bonjour à tous")

    assert detection._get_detector() is first


def test_detection_never_raises():
    assert detect_language(None, default="en") == "en"  # type: ignore[arg-type]
