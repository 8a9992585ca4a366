"""DeepLEngine: the official deepl client (header auth, lists) against the loopback server."""

from __future__ import annotations

import time

import pytest

from translations.engines.deepl_api import DeepLEngine
from translations.errors import PermanentTranslationError, TransientTranslationError


@pytest.fixture
def engine(loopback):
    return DeepLEngine(api_key=loopback.deepl_key, url=loopback.url("deepl"), timeout=2)


def test_batch_travels_in_one_request_with_header_authentication(engine, loopback):
    result = engine.translate_batch(["Hola", "Adiós"], "es", "fr")

    assert result == ["[fr] Hola", "[fr] Adiós"]
    (call,) = loopback.calls("/deepl/v2/translate")
    assert call.headers["authorization"] == f"DeepL-Auth-Key {loopback.deepl_key}"
    assert "auth_key" not in call.query
    assert call.json["text"] == ["Hola", "Adiós"]
    assert (call.json["source_lang"], call.json["target_lang"]) == ("ES", "FR")


def test_english_target_names_a_variant(engine, loopback):
    engine.translate_batch(["Hola"], "es", "en")

    (call,) = loopback.calls("/deepl/v2/translate")
    assert call.json["target_lang"] == "EN-GB"


def test_more_texts_than_one_request_takes_are_split(engine, loopback):
    texts = [f"Frase {n}" for n in range(120)]

    assert engine.translate_batch(texts, "es", "fr") == [f"[fr] Frase {n}" for n in range(120)]
    assert [len(c.json["text"]) for c in loopback.calls("/deepl/v2/translate")] == [50, 50, 20]


def test_wrong_key_is_permanent(loopback):
    engine = DeepLEngine(api_key="wrong", url=loopback.url("deepl"), timeout=2)

    with pytest.raises(PermanentTranslationError):
        engine.translate_batch(["Hola"], "es", "en")


def test_rate_limit_is_transient_with_retry_after_and_not_retried_by_the_client(engine, loopback):
    loopback.reply("deepl", 429, {"message": "Too many requests"}, headers={"Retry-After": "9"})

    with pytest.raises(TransientTranslationError) as caught:
        engine.translate_batch(["Hola"], "es", "en")

    assert caught.value.retry_after == 9
    assert len(loopback.calls("/deepl/v2/translate")) == 1


@pytest.mark.parametrize("status", [500, 503])
def test_server_errors_are_transient(engine, loopback, status):
    loopback.reply("deepl", status, {"message": "unavailable"})

    with pytest.raises(TransientTranslationError):
        engine.translate_batch(["Hola"], "es", "en")
    assert len(loopback.calls("/deepl/v2/translate")) == 1


def test_spent_quota_is_permanent(engine, loopback):
    loopback.reply("deepl", 456, {"message": "Quota exceeded"})

    with pytest.raises(PermanentTranslationError):
        engine.translate_batch(["Hola"], "es", "en")


def test_hung_provider_fails_within_the_timeout(engine, loopback):
    loopback.hang("deepl", seconds=30)
    started = time.monotonic()

    with pytest.raises(TransientTranslationError):
        engine.translate_batch(["Hola"], "es", "en")

    assert time.monotonic() - started < 4


def test_unsupported_target_is_permanent(engine):
    with pytest.raises(PermanentTranslationError):
        engine.translate_batch(["Hola"], "es", "xx")


def test_missing_key_is_refused_up_front():
    with pytest.raises(PermanentTranslationError):
        DeepLEngine(api_key="")
