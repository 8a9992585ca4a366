"""LibreTranslateEngine: deep-translator's LibreTranslator for one text, JSON lists for many."""

from __future__ import annotations

import time

import pytest

from translations.engines.libretranslate import LibreTranslateEngine
from translations.errors import PermanentTranslationError, TransientTranslationError


@pytest.fixture
def engine(loopback):
    return LibreTranslateEngine(url=loopback.url("libre"), timeout=2)


def test_self_hosted_server_needs_no_api_key(engine, loopback):
    assert engine.translate_batch(["Hola"], "es", "en") == ["[en] Hola"]

    (call,) = loopback.calls("/libre/translate")
    assert call.query["q"] == ["Hola"]
    assert "api_key" not in call.query


def test_several_texts_travel_as_one_list(engine, loopback):
    result = engine.translate_batch(["Hola", "Adiós", "Gracias"], "es", "fr")

    assert result == ["[fr] Hola", "[fr] Adiós", "[fr] Gracias"]
    (call,) = loopback.calls("/libre/translate")
    assert call.json == {
        "q": ["Hola", "Adiós", "Gracias"],
        "source": "es",
        "target": "fr",
        "format": "text",
    }


def test_server_refusing_lists_gets_the_texts_one_by_one(engine, loopback):
    loopback.libre_accepts_lists = False

    result = engine.translate_batch(["Hola", "Adiós"], "es", "fr")

    assert result == ["[fr] Hola", "[fr] Adiós"]
    assert len(loopback.calls("/libre/translate")) == 3


def test_api_key_is_sent_when_configured(loopback):
    loopback.libre_requires_key = True
    engine = LibreTranslateEngine(url=loopback.url("libre"), api_key=loopback.libre_key, timeout=2)

    assert engine.translate_batch(["Hola", "Adiós"], "es", "en") == ["[en] Hola", "[en] Adiós"]
    assert engine.translate_batch(["Hola"], "es", "en") == ["[en] Hola"]


def test_rejected_key_is_permanent(loopback):
    loopback.libre_requires_key = True
    engine = LibreTranslateEngine(url=loopback.url("libre"), api_key="wrong", timeout=2)

    with pytest.raises(PermanentTranslationError):
        engine.translate_batch(["Hola"], "es", "en")
    with pytest.raises(PermanentTranslationError):
        engine.translate_batch(["Hola", "Adiós"], "es", "en")


def test_server_that_unexpectedly_wants_a_key_is_permanent(engine, loopback):
    loopback.libre_requires_key = True

    with pytest.raises(PermanentTranslationError, match="403"):
        engine.translate_batch(["Hola"], "es", "en")


def test_rate_limit_is_transient_and_carries_retry_after(engine, loopback):
    loopback.reply("libre", 429, {"error": "Slowdown"}, headers={"Retry-After": "3"})

    with pytest.raises(TransientTranslationError) as caught:
        engine.translate_batch(["Hola"], "es", "en")

    assert caught.value.retry_after == 3


def test_rate_limit_on_a_list_request_is_transient(engine, loopback):
    loopback.reply("libre", 429, {"error": "Slowdown"}, headers={"Retry-After": "4"})

    with pytest.raises(TransientTranslationError) as caught:
        engine.translate_batch(["Hola", "Adiós"], "es", "en")

    assert caught.value.retry_after == 4


def test_server_error_is_transient(engine, loopback):
    loopback.reply("libre", 500, {"error": "boom"})

    with pytest.raises(TransientTranslationError):
        engine.translate_batch(["Hola"], "es", "en")


def test_hung_server_fails_within_the_timeout(engine, loopback):
    loopback.hang("libre", seconds=30)
    started = time.monotonic()

    with pytest.raises(TransientTranslationError):
        engine.translate_batch(["Hola", "Adiós"], "es", "en")

    assert time.monotonic() - started < 4


def test_language_the_server_refuses_is_permanent(engine):
    with pytest.raises(PermanentTranslationError):
        engine.translate_batch(["Hola"], "es", "eo")
