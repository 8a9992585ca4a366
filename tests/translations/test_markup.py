"""Markdown posts: only prose goes to the engine, everything else comes back byte for byte."""

from __future__ import annotations

from markdown_it import MarkdownIt

from translations.markup import extract_segments

POST = """## Propuesta para el *barrio* norte

Hola @maria_lopez, gracias por [el informe](https://example.org/informe_2024.pdf "PDF").
Creo que la **participación vecinal** es clave: https://example.org/datos?id=7.

- Revisar `presupuesto.xlsx` con el equipo.
- Hablar con la asociación de vecinos.

> La ciudad es de todos.
> Y de todas.

```python
total = sum(gastos)  # no traducir
```

![mapa del barrio](img/mapa_norte.png)

| Zona | Estado |
|------|--------|
| Norte | *pendiente* |
"""


def upper(segments: list[str]) -> list[str]:
    return [segment.upper() for segment in segments]


def test_untouched_segments_rebuild_the_post_byte_for_byte():
    document = extract_segments(POST)

    assert document.rebuild(document.segments) == POST


def test_each_paragraph_heading_item_and_cell_is_one_segment():
    document = extract_segments(POST)

    assert document.segments == [
        "Propuesta para el {1}barrio{2} norte",
        "Hola {1}, gracias por {2}el informe{3}.\nCreo que la {4}participación vecinal{5} "
        "es clave: {6}.",
        "Revisar {1} con el equipo.",
        "Hablar con la asociación de vecinos.",
        "La ciudad es de todos.\nY de todas.",
        "Zona",
        "Estado",
        "Norte",
        "{1}pendiente{2}",
    ]


def test_code_links_mentions_urls_and_images_never_reach_the_engine():
    sent = "\n".join(extract_segments(POST).segments)

    for protected in ("maria_lopez", "example.org", "presupuesto", "total", "mapa"):
        assert protected not in sent


def test_translated_post_keeps_structure_and_protected_content():
    document = extract_segments(POST)

    translated = document.rebuild(upper(document.segments))

    assert translated.splitlines()[0] == "## PROPUESTA PARA EL *BARRIO* NORTE"
    assert (
        'HOLA @maria_lopez, GRACIAS POR [EL INFORME](https://example.org/informe_2024.pdf "PDF").'
        in translated
    )
    assert "**PARTICIPACIÓN VECINAL** ES CLAVE: https://example.org/datos?id=7." in translated
    assert "- REVISAR `presupuesto.xlsx` CON EL EQUIPO." in translated
    assert "> LA CIUDAD ES DE TODOS.\n> Y DE TODAS." in translated
    assert "```python\ntotal = sum(gastos)  # no traducir\n```" in translated
    assert "![mapa del barrio](img/mapa_norte.png)" in translated
    assert "| NORTE | *PENDIENTE* |" in translated


def test_spaces_an_engine_puts_inside_emphasis_are_removed():
    document = extract_segments("Es *muy* importante.")

    assert document.rebuild(["It is {1} very {2} important."]) == "It is *very* important."


def test_segment_whose_placeholder_was_lost_stays_untranslated_and_others_are_kept():
    document = extract_segments("Mira `codigo` ahora.\n\nOtro párrafo.")

    rebuilt = document.rebuild(["Look now.", "Another paragraph."])

    assert rebuilt == "Mira `codigo` ahora.\n\nAnother paragraph."
    assert not document.accepts(0, "Look now.")


def test_duplicated_placeholder_is_refused():
    document = extract_segments("Usa `x` aquí.")

    assert document.rebuild(["Use {1} here {1}."]) == "Usa `x` aquí."


def test_crossed_pairs_are_refused_so_markdown_never_breaks():
    document = extract_segments("Un [enlace *con* énfasis](https://e.org) aquí.")

    crossed = "A {1}link {2}with{4} emphasis{3} here."

    assert not document.accepts(0, crossed)
    assert document.rebuild([crossed]) == "Un [enlace *con* énfasis](https://e.org) aquí."


def test_a_link_moved_inside_another_is_refused_markdown_has_no_link_in_a_link():
    """Apertium en→fr once gave "[le [chien](…) de chien](…)" for "[the dog](…) [dog](…)"."""
    document = extract_segments("the the [the dog](https://e.org/0) [dog](https://e.org/0).")
    [segment] = document.segments
    assert segment == "the the {1}the dog{2} {3}dog{4}."

    nested = "Le le {1}le {3}chien{4} de chien{2}."

    assert not document.accepts(0, nested)
    assert document.accepts(0, "Le le {1}le chien{2} {3}chien{4}.")
    assert document.rebuild([nested]) == document.source


def test_emphasis_may_still_come_inside_a_link():
    document = extract_segments("*muy* [bien](https://e.org).")

    assert document.accepts(0, "{3}{1}very{2} well{4}.")


def test_link_labels_are_translated_and_targets_kept():
    document = extract_segments(
        "Lee [la guía](https://e.org/guia) y [esto][ref].\n\n[ref]: https://e.org/x"
    )

    assert document.segments == ["Lee {1}la guía{2} y {3}esto{4}."]
    assert document.rebuild(["Read {1}the guide{2} and {3}this{4}."]) == (
        "Read [the guide](https://e.org/guia) and [this][ref].\n\n[ref]: https://e.org/x"
    )


def test_paragraph_reflowed_by_the_engine_keeps_quote_markers_and_hard_breaks():
    document = extract_segments("> Primera línea  \n> segunda línea\n> tercera línea\n")

    rebuilt = document.rebuild(["First line{1} second line third line"])

    assert rebuilt == "> First line  \n> second line third line\n"


def test_translation_starting_like_a_list_item_is_escaped():
    document = extract_segments("Uno.\nDos.")

    rebuilt = document.rebuild(["- One.\n2. Two."])

    assert rebuilt == "\\- One.\n2\\. Two."
    tokens = [token.type for token in MarkdownIt("commonmark").parse(rebuilt)]
    assert "bullet_list_open" not in tokens
    assert "ordered_list_open" not in tokens


def test_pipe_in_a_translated_cell_does_not_split_the_cell():
    document = extract_segments("| a |\n|---|\n| sí o no |\n")

    assert document.rebuild(["a", "yes | no"]) == "| a |\n|---|\n| yes \\| no |\n"


def test_segments_without_words_are_not_sent():
    document = extract_segments("`solo_codigo()`\n\n<https://e.org>\n\n2024\n\n<div><br></div>\n")

    assert document.segments == []


def test_text_that_looks_like_a_placeholder_is_protected_too():
    document = extract_segments("El valor {1} es literal.")

    assert document.segments == ["El valor {1} es literal."]
    assert document.rebuild(["The value {1} is literal."]) == "The value {1} is literal."


def test_placeholder_numbers_restart_in_every_segment():
    document = extract_segments("Hola `a`.\n\nHola `b`.")

    assert document.segments == ["Hola {1}.", "Hola {1}."]
    assert document.rebuild(["Hi {1}.", "Hi {1}."]) == "Hi `a`.\n\nHi `b`."


def test_windows_line_endings_are_kept():
    post = "Hola *mundo*.\r\nSegunda línea.\r\n\r\n- uno\r\n"
    document = extract_segments(post)

    assert (
        document.rebuild(upper(document.segments))
        == "HOLA *MUNDO*.\r\nSEGUNDA LÍNEA.\r\n\r\n- UNO\r\n"
    )


def test_escapes_entities_and_inline_html_survive():
    post = "Precio \\*especial\\* &amp; <b>oferta</b> hoy."
    document = extract_segments(post)

    assert (
        document.rebuild(upper(document.segments))
        == "PRECIO \\*ESPECIAL\\* &amp; <b>OFERTA</b> HOY."
    )


def test_prose_leaves_out_code_and_links():
    assert extract_segments("Hola `code()` y https://e.org amigos.").prose().split() == [
        "Hola",
        "y",
        "amigos.",
    ]
