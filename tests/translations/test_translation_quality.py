"""What readers see of a machine translation, through the one path every text takes.

Each test reproduces a failure measured on our own posts (issue 12, "Translation quality
that readers see") with the real Apertium engine, through
``translations.translate.translate_texts`` as posts, pages and the benchmark call it.
"""

from __future__ import annotations

import re
import subprocess

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from forum.markdown import render_markdown
from tests.translations import conftest as loopback_module
from translations.engines import get_engine
from translations.engines.apertium_stream import decode, encode, from_stream, to_stream
from translations.engines.apertium_warm import WarmMode
from translations.engines.base import Engine
from translations.engines.libretranslate import LibreTranslateEngine
from translations.markup import extract_segments
from translations.models import SegmentMemory
from translations.translate import translate_texts

pytestmark = pytest.mark.django_db

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


@pytest.fixture(scope="module")
def apertium(apertium_executable):
    engine = get_engine("apertium")
    yield engine
    engine.close()


@pytest.fixture
def fresh_apertium(apertium_executable):
    """An engine whose processes have translated nothing yet."""
    engine = get_engine("apertium")
    yield engine
    engine.close()


def translate(text: str, source: str, target: str, engine: Engine) -> str:
    (translated,), _ = translate_texts(
        [text], kind="markdown", source=source, target=target, engine=engine
    )
    return translated


def shape(markdown: str) -> list[tuple[str, str]]:
    """Markdown's structure without its words: block and inline tokens, code, targets."""
    found = []
    for token in PARSER.parse(markdown):
        found.append((token.type, token.markup))
        for child in token.children or []:
            if child.type not in ("text", "softbreak"):
                found.append((child.type, child.content if child.type == "code_inline" else ""))
    return found


# Inline markup -------------------------------------------------------------------------


def test_code_spans_es_to_fr_no_longer_leave_the_paragraph_untranslated(apertium):
    source = "Abre `config.yml` y revisa la sección `mail`."

    result = translate(source, "es", "fr", apertium)

    assert result.count("`config.yml`") == 1
    assert result.count("`mail`") == 1
    assert "section" in result
    assert not {"Abre", "revisa", "sección"} & set(re.findall(r"\w+", result))
    assert "{" not in result


def test_a_code_span_en_to_fr_no_longer_leaves_the_sentence_untranslated(apertium):
    result = translate("See `budget.xlsx` for this year.", "en", "fr", apertium)

    assert "`budget.xlsx`" in result
    assert not {"See", "for", "this", "year"} & set(re.findall(r"\w+", result))


def test_a_twenty_thousand_character_paragraph_with_one_code_span_is_translated(apertium):
    sentences = [
        "The cooperative sells its products at the local market every week.",
        "Members decide together how the money is spent.",
        "Many women work in the garden in the morning.",
    ]
    prose = [sentences[n % 3] for n in range(375)]
    prose.insert(180, "See `budget.xlsx` for this year.")
    paragraph = " ".join(prose)

    result = translate(paragraph, "en", "fr", apertium)

    assert len(paragraph) >= 20_000
    assert result.count("`budget.xlsx`") == 1
    assert "The cooperative" not in result
    assert result.count("La coopérative vend") == 125


@pytest.mark.parametrize(
    ("source", "target"),
    [("es", "fr"), ("es", "en"), ("fr", "es"), ("fr", "en"), ("en", "es"), ("en", "fr")],
)
def test_emphasis_links_and_code_come_back_around_translated_words(apertium, source, target):
    text, source_words = {
        "es": (
            "Es **muy importante** respetar [los plazos](https://e.org/g) de `make`.",
            {"plazos"},
        ),
        "fr": ("Il faut **lire** [le guide](https://e.org/g) de `make` avant.", {"faut", "lire"}),
        "en": ("It is **very important** to respect [the deadlines](https://e.org/g).", {"very"}),
    }[source]

    result = translate(text, source, target, apertium)

    assert shape(result) == shape(text)
    assert "](https://e.org/g)" in result
    assert result.count("`") == text.count("`")
    assert not source_words & set(re.findall(r"\w+", result))


@pytest.mark.parametrize(
    ("target", "expected"), [("es", "la casa **blanca**"), ("fr", "la maison **blanche**")]
)
def test_emphasis_follows_its_word_when_the_engine_reorders(apertium, target, expected):
    result = translate(
        "See the **white** house and [the budget](https://e.org/b).", "en", target, apertium
    )

    assert expected in result
    assert "](https://e.org/b)" in result


class PlainTextApertium(Engine):
    """Apertium given the placeholders as plain text, as the project once did.

    Its transfer rules pull some placeholders apart (es→fr ``Abre {1} y`` → ``Il {ouvre 1}
    et``): a real engine that breaks markup, to show what happens when one does.
    """

    name = "apertium-plain-text"
    is_online = False

    def _translate_request(self, texts: list[str], source: str, target: str) -> list[str]:
        return [
            subprocess.run(
                ["apertium", "-u", "-f", "txt", f"{source}-{target}"],
                input=text,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            for text in texts
        ]


def test_a_sentence_whose_markup_the_engine_breaks_stays_as_written_and_only_it(
    apertium_executable,
):
    paragraph = (
        "El perro come la manzana. Abre `config.yml` y revisa la sección `mail`. La casa es grande."
    )

    (result,), sent = translate_texts(
        [paragraph], kind="markdown", source="es", target="fr", engine=PlainTextApertium()
    )
    _, sent_again = translate_texts(
        [paragraph], kind="markdown", source="es", target="fr", engine=PlainTextApertium()
    )

    assert result == (
        "Le chien mange la pomme. Abre `config.yml` y revisa la sección `mail`. "
        "La maison est grande."
    )
    assert (sent, sent_again) == (1, 0)  # the mended translation is remembered
    assert SegmentMemory.objects.filter(engine="apertium-plain-text").count() == 1


# Emphasis, analysis tags ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("es", "en", "This is *not* a solution."),
        ("fr", "es", "Este *no* es una solución."),
        ("fr", "en", "This is *not* a solution."),
    ],
)
def test_emphasis_on_a_word_the_engine_rewrites_comes_back_around_its_translation(
    apertium, monkeypatch, source, target, expected
):
    """es→en "no es" → "is not": the rule writes "not" itself, with no emphasis on it."""
    requests = count_requests(monkeypatch)
    text = {"es": "Esto *no* es una solución.", "fr": "Ce n'est *pas* une solution."}[source]

    result = translate(text, source, target, apertium)

    assert result == expected
    assert len(requests) == (2 if "en" in (source, target) and "fr" in (source, target) else 1)


def test_emphasis_comes_back_in_its_own_sentence_of_a_paragraph(apertium):
    paragraph = "Hola a todos. Esto *no* es una solución, es un problema. Hasta mañana."

    result = translate(paragraph, "es", "en", apertium)

    assert "This is *not* a solution" in result
    assert result.count("*") == 2


def test_emphasis_whose_words_cannot_be_found_leaves_no_empty_markers(apertium):
    # fr→en: "ne … pas" becomes "does not eat", which neither "pas" alone ("No") nor the
    # sentence without it ("It eats") points to.
    result = translate("Il ne mange *pas* la pomme.", "fr", "en", apertium)

    assert result == "It does not eat the apple."


def count_requests(monkeypatch) -> list[bytes]:
    """Record each request made to a warm Apertium mode (one per pair and batch)."""
    requests: list[bytes] = []
    request = WarmMode.request

    def recorded(self, stream: bytes, *, timeout: float) -> bytes:
        requests.append(stream)
        return request(self, stream, timeout=timeout)

    monkeypatch.setattr(WarmMode, "request", recorded)
    return requests


def answer(*bodies: str) -> bytes:
    """What Apertium would answer, one block per body (the framing's full stop included)."""
    return "".join(f"\n[tf-block:{i}]\n\n{body}.[]\n\0" for i, body in enumerate(bodies)).encode()


def test_the_words_of_a_dropped_pair_and_their_sentence_without_them_travel_with_the_text():
    stream = to_stream(["Bien. Ce n'est {1}pas{2} une solution.", "Sans {1}rien{2} de {3}."])

    assert stream.count(b"\0") == 6
    assert b"[tf-block:2]\n\npas.[]" in stream
    assert b"[tf-block:3]\n\nCe n'est une solution..[]" in stream
    assert b"[tf-block:4]\n\nrien.[]" in stream


def test_a_dropped_pair_goes_around_the_first_whole_word_its_words_translate_to():
    texts = ["Ce n'est {1}pas{2} une solution."]

    translated = from_stream(
        answer("Este nopas no es una solución.", "no", "Este nopas no es una solución."), texts
    )

    assert translated == ["Este nopas {1}no{2} es una solución."]


def test_a_dropped_pair_that_cannot_be_found_is_left_empty_for_the_markup_layer():
    texts = ["Ce n'est {1}pas{2} une solution."]
    stream_answer = answer("This is not a solution.", "Step", "This is not a solution.")

    (translated,) = from_stream(stream_answer, texts) or [""]

    assert translated == "This is not a solution.{1}{2}"
    assert (
        extract_segments("Ce n'est *pas* une solution.").rebuild([translated])
        == "This is not a solution."
    )


def test_a_helper_block_that_does_not_come_back_costs_only_its_pair():
    texts = ["Esto {1}no{2} es una solución."]
    whole = answer("This is not a solution.", "No", "This is a solution.")
    broken = whole.replace(b"[tf-block:2]", b"[tf-bl")

    assert from_stream(whole, texts) == ["This is {1}not{2} a solution."]
    assert from_stream(broken, texts) == ["This is not a solution.{1}{2}"]


@pytest.mark.parametrize(
    ("source", "target"),
    [("es", "fr"), ("es", "en"), ("fr", "es"), ("fr", "en"), ("en", "es"), ("en", "fr")],
)
def test_apertium_notation_never_reaches_readers(apertium, source, target):
    texts = {
        "es": [
            "Se lo dije *a ella* ayer, `x` y [se](https://e.org) lo **dio**.",
            "Dáselo a {1} con `código` ~ 5 y {nombre} del zorglub @ana.",
            "¿Cómo *te* lo explicas? No se *lo* digas.",
        ],
        "fr": [
            "Il *le* lui a donné hier, `x` et [il](https://e.org) s'en **va**.",
            "Donne-le à {1} avec `code` ~ 5 et {nom} du zorglub @ana.",
            "Ne *le* lui dis pas, je *me* le demande.",
        ],
        "en": [
            "I gave *it* to her yesterday, `x` and [she](https://e.org) **did** it.",
            "Give it to {1} with `code` ~ 5 and {name} of the zorglub @ana.",
            "Don't *tell* him, I *wonder* myself.",
        ],
    }[source]

    results, _ = translate_texts(
        texts, kind="markdown", source=source, target=target, engine=apertium
    )

    for text, result in zip(texts, results, strict=True):
        assert not re.search(r"<\w+>|[\^$#]|(?<![\w\\])@(?!ana)|Zzx", result), result
        assert result.count("`") == text.count("`")


def test_apertium_notation_that_leaks_into_an_answer_is_removed():
    body = "Il ^voir<vblex><pri><p3><sg>$ le budget<n><m> et \\@ana @maison [[a:1]]Zzx[[/]]."

    assert (
        decode(body, "Ve el presupuesto y @ana casa {1}.") == "Il voir le budget et @ana maison {1}"
    )


# Task lists, reference links, raw HTML -------------------------------------------------


def test_task_list_boxes_come_back_as_written(apertium):
    post = "- [x] Read the `intro` chapter\n- [ ] Write *your* notes\n"

    result = translate(post, "en", "fr", apertium)

    lines = result.split("\n")
    assert lines[0].startswith("- [x] ")
    assert lines[1].startswith("- [ ] ")
    assert "[X]" not in result
    assert "Read" not in result


def test_shortcut_and_collapsed_reference_links_keep_their_targets(apertium):
    post = (
        "See [the budget][] and [the plan] for the numbers.\n\n"
        "[the budget]: https://example.org/budget\n"
        "[the plan]: https://example.org/plan\n"
    )

    result = translate(post, "en", "es", apertium)

    html = render_markdown(result)
    assert 'href="https://example.org/budget"' in html
    assert 'href="https://example.org/plan"' in html
    assert "presupuesto</a>" in html
    assert "the budget</a>" not in html


def test_unchanged_reference_links_are_written_back_exactly():
    post = "Ver [el plan][] hoy.\n\n[el plan]: https://example.org/plan\n"

    (result,), _ = translate_texts(
        [post], kind="markdown", source="es", target="es", engine=get_engine("apertium")
    )

    assert result == post


def test_raw_html_blocks_have_their_prose_translated_and_their_tags_kept(apertium):
    post = '<div class="note">\nPlease read this before the meeting.\n</div>\n'

    result = translate(post, "en", "fr", apertium)

    assert result.startswith('<div class="note">\n')
    assert result.endswith("\n</div>\n")
    assert "réunion" in result
    assert "Please" not in result
    html = render_markdown(result)
    assert "&lt;div class=" in html  # still shown as text, as the post itself is
    assert "<div" not in html


# A segment's translation does not depend on history ------------------------------------

OTHERS = [
    "Alias",
    "Debes copiar el texto como se indica.",
    "Cuando termine, avísame.",
    "Zorglub y Plonk llegaron como siempre.",
    "Nada se hizo, excepto lo que debe hacerse.",
]
LATER = "Usuario anónimo como objetivo."


def test_a_segment_translates_the_same_alone_and_after_other_texts(fresh_apertium, apertium):
    (alone,) = fresh_apertium.translate_batch([LATER], "es", "fr")

    fresh_apertium.translate_batch(OTHERS, "es", "fr")
    (after_a_batch,) = fresh_apertium.translate_batch([LATER], "es", "fr")
    in_a_batch = apertium.translate_batch([*OTHERS, LATER], "es", "fr")[-1]

    assert after_a_batch == alone
    assert in_a_batch == alone
    # The earlier texts did change the tagger: it was replaced by a fresh one.
    assert fresh_apertium.warm_modes["es-fr"].tagger_restarts > 0


def test_every_segment_of_a_batch_translates_as_it_would_alone(apertium, apertium_executable):
    texts = [
        *OTHERS,
        LATER,
        "Como dijo Zorglub, la cooperativa debe vender como pueda.",
        "Plonk llegó cuando nadie lo esperaba.",
        "No hay nada que hacer, como siempre.",
        "La asociación de Krumbach debe presentar su informe.",
        "Bajo la mesa hay un gato.",
        "Hubo una reunión cuando llegó el alcalde Fizzbo.",
    ]

    batch = apertium.translate_batch(texts, "es", "fr")
    reversed_batch = apertium.translate_batch(texts[::-1], "es", "fr")[::-1]
    # Each alone in Apertium processes of its own, started for it.
    one_shot = get_engine("apertium", warm=False)
    alone = [one_shot.translate_batch([text], "es", "fr")[0] for text in texts]

    assert batch == alone
    assert reversed_batch == alone


def test_the_memory_keeps_what_the_segment_gives_alone(fresh_apertium, apertium):
    (alone,) = fresh_apertium.translate_batch([LATER], "es", "fr")

    results, _ = translate_texts(
        [*OTHERS, LATER], kind="markdown", source="es", target="fr", engine=apertium
    )

    assert results[-1] == alone
    assert (
        SegmentMemory.objects.get(source_text=LATER, target_language="fr").translated_text == alone
    )


# Properties ----------------------------------------------------------------------------

WORDS = {
    "es": "el perro come la manzana casa blanca y grande como cuando debe Zorglub muy bien",
    "fr": "le chien mange la pomme maison blanche et grande comme quand doit Zorglub très",
    "en": "the dog eats the apple house white and big as when must Zorglub very well",
}


@st.composite
def marked_up_paragraphs(draw, language: str) -> str:
    """A paragraph of words with inline code, emphasis, links and images among them."""
    words = st.sampled_from(WORDS[language].split(" "))

    def phrase() -> str:
        return " ".join(draw(st.lists(words, min_size=1, max_size=4)))

    pieces = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["prose", "code", "em", "strong", "link", "image"]))
        pieces.append(
            {
                "prose": phrase,
                "code": lambda: f"`{draw(st.from_regex(r'[a-z_.]{1,8}', fullmatch=True))}`",
                "em": lambda: f"*{phrase()}*",
                "strong": lambda: f"**{phrase()}**",
                "link": lambda: f"[{phrase()}](https://e.org/{draw(st.integers(0, 99))})",
                "image": lambda: f"![{phrase()}](img/{draw(st.integers(0, 99))}.png)",
            }[kind]()
        )
    return " ".join([phrase(), *pieces]) + draw(st.sampled_from([".", "?", "", "!"]))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
@pytest.mark.parametrize(("source", "target"), [("es", "fr"), ("en", "fr"), ("fr", "es")])
def test_markup_never_comes_back_broken(apertium, source, target, data):
    """Whatever the engine does to the markers (it may reorder them: "el *el* *y*." came back
    from es→fr as "Le {1}{3}l'et{2}{4}."), the pipeline gives back every code span, emphasis,
    link and image: a sentence whose markers the engine broke is mended sentence by sentence
    or stays as written (see the test above), never half-translated with its markup lost."""
    paragraph = data.draw(marked_up_paragraphs(source))

    translated = translate(paragraph, source, target, apertium)

    assert sorted(shape(translated)) == sorted(shape(paragraph)), (paragraph, translated)


@settings(max_examples=200, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(
            [
                *"ab é{}1G2*_[]<>^$/@\\~.,?¿ \n\t\r\x01",
                "{1}",
                "{2}",
                "{G1}",
                "Zzx",
                "%(n)s",
                "{x}",
                "%d",
            ]
        ),
        max_size=40,
    ).map("".join)
)
def test_every_text_comes_back_from_the_stream_format_as_it_went_in(text):
    """What an engine that changed nothing would answer reads back as the text sent."""
    placeholders = re.findall(r"\{G?\d+\}", text)
    assume(len(set(placeholders)) == len(placeholders))  # numbered once each, as segments are

    assert decode(encode(text.replace("\0", "")) + ".", text) == text


# Rich text: placeholders and URLs --------------------------------------------------------

RICH_TEXT = (
    "<p>Hello <b>%(name)s</b>, read the guide at https://example.org/guide or write to "
    "help@example.org: {count} new messages, %s replies.</p>"
)
KEPT = ("<b>%(name)s</b>", "https://example.org/guide", "help@example.org", "{count}", "%s")


def mangle(text: str, target: str) -> str:
    """An online engine that translates every word it is given, placeholders' too."""
    words = {"Hello": "Hola", "name": "nombre", "guide": "guía", "count": "cuenta"}
    words |= {"help": "ayuda", "example": "ejemplo"}
    return re.sub(r"[^\W\d]+", lambda match: words.get(match.group(), match.group()), text)


def test_rich_text_placeholders_and_urls_are_out_of_an_online_engines_reach(loopback, monkeypatch):
    monkeypatch.setattr(loopback_module, "fake", mangle)
    engine = LibreTranslateEngine(url=loopback.url("libre"), timeout=2)

    (result,), _ = translate_texts(
        [RICH_TEXT], kind="html", source="en", target="es", engine=engine
    )

    assert result.startswith("<p>Hola <b>%(name)s</b>, read the guía at ")
    for kept in KEPT:
        assert kept in result
    (call,) = loopback.calls("/libre/translate")
    assert "%(name)s" not in str(call.json)
    assert "https" not in str(call.json)


def test_rich_text_placeholders_and_urls_come_back_as_written_from_apertium(apertium):
    (result,), _ = translate_texts(
        [RICH_TEXT], kind="html", source="en", target="es", engine=apertium
    )

    for kept in KEPT:
        assert kept in result
    assert "Hola" in result
    assert "guía" in result
    assert "guide at" not in result


def test_rich_text_keeps_its_tags_and_escapes_what_comes_back(apertium):
    source = (
        '<p>The <a linktype="page" id="3">white house</a> &amp; the <i>red</i> one &lt;3'
        "<br/>see https://e.org/?a=1&amp;b=2.</p>"
    )

    (result,), _ = translate_texts([source], kind="html", source="en", target="fr", engine=apertium)

    assert '<a id="3" linktype="page">' in result or '<a linktype="page" id="3">' in result
    assert "maison blanche</a>" in result
    assert "<i>rouge</i>" in result
    assert "&amp;" in result
    assert "&lt;3" in result
    assert "https://e.org/?a=1&amp;b=2" in result
    assert "<br/>" in result


def test_rich_text_a_parser_would_repair_comes_back_with_its_markup_as_written(apertium):
    source = (
        '<p data-block-key="k1">Nota:</b>&nbsp;usa <a rel="noreferrer" …> para los enlaces.</p>'
    )

    (result,), _ = translate_texts([source], kind="html", source="es", target="en", engine=apertium)

    assert result.startswith('<p data-block-key="k1">Note:</b>')
    assert '<a rel="noreferrer" …>' in result
    assert result.endswith("</p>")
    assert result.count("</") == source.count("</")


def test_the_words_of_a_list_item_holding_a_list_are_translated_too(apertium):
    source = "<ul><li>La casa<ul><li>El perro</li></ul></li></ul>"

    (result,), _ = translate_texts([source], kind="html", source="es", target="en", engine=apertium)

    assert result == "<ul><li>The house<ul><li>The dog</li></ul></li></ul>"


@settings(max_examples=100, deadline=None)
@given(
    texts=st.lists(
        st.lists(
            st.sampled_from(["no", " ", "es", ".", "{1}", "{2}", "{3}", "{4}", "%s", "la casa"]),
            max_size=12,
        ).map("".join),
        min_size=1,
        max_size=4,
    )
)
def test_the_helper_blocks_never_change_what_the_texts_themselves_give(texts):
    """An engine that changed nothing gives each text back, however many pairs it holds."""
    assume(
        all(len(set(re.findall(r"\{\d+\}", t))) == len(re.findall(r"\{\d+\}", t)) for t in texts)
    )

    assert from_stream(to_stream(texts), texts) == texts
