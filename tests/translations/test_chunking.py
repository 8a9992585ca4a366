"""Long texts are split for providers' limits without losing or reordering anything."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translations.engines.base import Engine
from translations.engines.chunking import split_text
from translations.errors import TransientTranslationError

texts = st.text(
    alphabet=st.sampled_from(list("abcdé xyz.!?\n\t{}0123456789😀")),
    max_size=600,
)


@given(text=texts, limit=st.integers(min_value=1, max_value=120))
def test_pieces_fit_the_limit_and_join_back_to_the_text(text, limit):
    pieces = split_text(text, limit)

    assert "".join(pieces) == text
    assert all(0 < len(piece) <= limit for piece in pieces) or text == ""


def test_paragraph_boundaries_are_preferred():
    paragraphs = ["Uno dos tres. Cuatro cinco.", "Seis siete ocho.", "Nueve diez once doce."]
    text = "\n\n".join(paragraphs)

    assert split_text(text, 30) == [
        "Uno dos tres. Cuatro cinco.\n\n",
        "Seis siete ocho.\n\n",
        "Nueve diez once doce.",
    ]


def test_a_paragraph_over_the_limit_is_split_between_sentences():
    text = "Primera frase aquí. ¿Segunda frase? ¡Tercera frase!"

    assert split_text(text, 25) == ["Primera frase aquí. ", "¿Segunda frase? ", "¡Tercera frase!"]


def test_a_sentence_over_the_limit_is_split_between_words():
    assert split_text("una frase muy larga sin puntos", 12) == [
        "una frase ",
        "muy larga ",
        "sin puntos",
    ]


def test_a_hard_split_never_cuts_a_placeholder():
    pieces = split_text("a" * 8 + "{12}" + "b" * 8, 10)

    assert "".join(pieces) == "a" * 8 + "{12}" + "b" * 8
    assert all("{12}" in piece or ("{" not in piece and "}" not in piece) for piece in pieces)


class ReversingEngine(Engine):
    """A real Engine subclass whose one "request" reverses each text and logs the batch."""

    name = "reversing"
    is_online = False
    max_chars = 20
    batch_size = 3
    max_request_chars = 50

    def __init__(self) -> None:
        self.requests: list[list[str]] = []

    def _translate_request(self, texts, source, target):
        self.requests.append(list(texts))
        return [text[::-1] for text in texts]


def test_engine_rejoins_chunks_with_their_original_separators():
    engine = ReversingEngine()
    text = "abc def. ghi jkl.\n\nmno pqr stu."

    (result,) = engine.translate_batch([text], "es", "en")

    # Each piece is "translated" on its own; the blank line between them is kept.
    assert result == ".lkj ihg .fed cba\n\n.uts rqp onm"


def test_engine_groups_requests_by_count_and_size():
    engine = ReversingEngine()

    engine.translate_batch([f"texto {n}" for n in range(7)], "es", "en")

    assert [len(group) for group in engine.requests] == [3, 3, 1]


def test_engine_refuses_an_answer_with_the_wrong_number_of_texts():
    class ForgetfulEngine(ReversingEngine):
        def _translate_request(self, texts, source, target):
            return texts[:-1]

    with pytest.raises(TransientTranslationError):
        ForgetfulEngine().translate_batch(["uno", "dos"], "es", "en")
