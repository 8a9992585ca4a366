"""A realistic Spanish post through markup protection and the real Apertium engine."""

from __future__ import annotations

import pytest

from translations.engines.apertium import ApertiumEngine
from translations.markup import extract_segments

POST = """## Propuesta para el *barrio* norte

Hola @maria_lopez, gracias por compartir [el informe](https://example.org/informe_2024.pdf).
Creo que la **participación vecinal** es clave.

1. Primero, revisar el presupuesto con `presupuesto.xlsx`.
2. Segundo, hablar con la asociación de vecinos.

> La ciudad es de todos y todas.
> Nadie debe quedar fuera.

```python
total = sum(gastos)  # no traducir
```

Más datos en https://example.org/datos?barrio=norte y en ![el mapa](img/mapa_norte.png).
"""

PROTECTED = [
    "@maria_lopez",
    "](https://example.org/informe_2024.pdf)",
    "`presupuesto.xlsx`",
    "```python\ntotal = sum(gastos)  # no traducir\n```",
    "https://example.org/datos?barrio=norte",
    "![el mapa](img/mapa_norte.png)",
]


def quote_lines(markdown: str) -> list[int]:
    return [number for number, line in enumerate(markdown.splitlines()) if line.startswith("> ")]


@pytest.fixture
def engine(apertium_executable):
    return ApertiumEngine(executable=apertium_executable)


@pytest.mark.parametrize("target", ["en", "fr"])
def test_post_translates_with_code_links_mentions_and_structure_intact(engine, target):
    document = extract_segments(POST)

    translations = engine.translate_batch(document.segments, "es", target)
    result = document.rebuild(translations)

    assert all(document.accepts(i, text) for i, text in enumerate(translations))
    for piece in PROTECTED:
        assert piece in result
    lines = result.splitlines()
    assert lines[0].startswith("## ")
    assert lines[0].count("*") == 2
    assert [line[:3] for line in lines if line[:1].isdigit()] == ["1. ", "2. "]
    assert quote_lines(result) == quote_lines(POST) == [8, 9]
    assert result.count("**") == 2
    assert result.count("\n") == POST.count("\n")


def test_english_post_reads_as_english(engine):
    document = extract_segments(POST)

    result = document.rebuild(engine.translate_batch(document.segments, "es", "en"))

    assert "## Proposal for the *neighbourhood* north" in result
    assert "thank you for sharing [the report](https://example.org/informe_2024.pdf)" in result
    assert "> The city is of all and all." in result
