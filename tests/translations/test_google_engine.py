"""GoogleEngine runs deep-translator's real GoogleTranslator against the loopback server."""

from __future__ import annotations

import time

import pytest

from translations.engines.google import GoogleEngine
from translations.errors import PermanentTranslationError, TransientTranslationError


@pytest.fixture
def engine(loopback):
    return GoogleEngine(url=f"{loopback.url('google')}/m", timeout=2)


def test_batch_comes_back_translated_in_order(engine, loopback):
    result = engine.translate_batch(["Hola", "Buenos días", "Adiós"], "es", "fr")

    assert result == ["[fr] Hola", "[fr] Buenos días", "[fr] Adiós"]
    assert [c.query["q"][0] for c in loopback.calls("/google/m")] == [
        "Hola",
        "Buenos días",
        "Adiós",
    ]


def test_language_codes_are_sent_as_google_expects_them(engine, loopback):
    engine.translate_batch(["Hola"], "es-ES", "EN")

    (call,) = loopback.calls("/google/m")
    assert (call.query["sl"], call.query["tl"]) == (["es"], ["en"])


def test_one_connection_serves_the_whole_batch(engine, loopback):
    engine.translate_batch([f"Frase {n}" for n in range(5)], "es", "en")

    assert len({call.client_port for call in loopback.calls("/google/m")}) == 1


def test_repeated_segments_are_requested_once(engine, loopback):
    result = engine.translate_batch(["Gracias", "Hola", "Gracias"], "es", "en")

    assert result == ["[en] Gracias", "[en] Hola", "[en] Gracias"]
    assert len(loopback.calls("/google/m")) == 2


def test_surrounding_whitespace_survives_although_google_strips_it(engine):
    assert engine.translate_batch(["  Hola\n"], "es", "en") == ["  [en] Hola\n"]


def test_text_without_letters_is_not_sent(engine, loopback):
    assert engine.translate_batch(["", "   ", "2024", "{1}"], "es", "en") == [
        "",
        "   ",
        "2024",
        "{1}",
    ]
    assert loopback.calls("/google/m") == []


def test_same_language_returns_the_texts_without_a_request(engine, loopback):
    assert engine.translate_batch(["Hola"], "es", "es-MX") == ["Hola"]
    assert loopback.requests == []


def test_text_over_five_thousand_characters_is_split_below_the_limit_and_returned_whole(
    engine, loopback
):
    # Short paragraphs, then one paragraph that alone exceeds the limit.
    paragraphs = [" ".join(f"Frase número {p}-{s} del texto." for s in range(60)) for p in range(4)]
    paragraphs.append(" ".join(f"Oración larga {s} sin pausa." for s in range(300)))
    text = "\n\n".join(paragraphs) + "\n\nFrase centinela final."
    assert len(text) > 12_000

    (result,) = engine.translate_batch([text], "es", "en")

    sent = [call.query["q"][0] for call in loopback.calls("/google/m")]
    assert len(sent) >= 3
    assert all(len(chunk) < 5_000 for chunk in sent)
    assert result.replace("[en] ", "") == text
    assert result.endswith("Frase centinela final.")


def test_rate_limit_is_transient_and_carries_retry_after(engine, loopback):
    loopback.reply("google", 429, "Too many", headers={"Retry-After": "7"})

    with pytest.raises(TransientTranslationError) as caught:
        engine.translate_batch(["Hola"], "es", "en")

    assert caught.value.retry_after == 7


def test_server_error_is_transient(engine, loopback):
    loopback.reply("google", 500, "oops")

    with pytest.raises(TransientTranslationError):
        engine.translate_batch(["Hola"], "es", "en")


def test_forbidden_answer_is_permanent(engine, loopback):
    loopback.reply("google", 403, "Forbidden")

    with pytest.raises(PermanentTranslationError):
        engine.translate_batch(["Hola"], "es", "en")


def test_hung_provider_fails_within_the_timeout(engine, loopback):
    loopback.hang("google", seconds=30)
    started = time.monotonic()

    with pytest.raises(TransientTranslationError):
        engine.translate_batch(["Hola"], "es", "en")

    assert time.monotonic() - started < 4


def test_unreachable_provider_is_transient():
    engine = GoogleEngine(url="http://127.0.0.1:9/m", timeout=2)

    with pytest.raises(TransientTranslationError):
        engine.translate_batch(["Hola"], "es", "en")


def test_unsupported_language_is_permanent(engine, loopback):
    with pytest.raises(PermanentTranslationError):
        engine.translate_batch(["Hola"], "es", "xx")
    assert loopback.requests == []
