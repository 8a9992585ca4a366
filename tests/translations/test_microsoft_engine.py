"""MicrosoftEngine: deep-translator's MicrosoftTranslator set-up, v3 array requests."""

from __future__ import annotations

import time

import pytest

from translations.engines.microsoft import MicrosoftEngine
from translations.errors import PermanentTranslationError, TransientTranslationError


@pytest.fixture
def engine(loopback):
    return MicrosoftEngine(
        api_key=loopback.microsoft_key,
        region="westeurope",
        url=loopback.url("microsoft"),
        timeout=2,
    )


def test_batch_travels_in_one_request(engine, loopback):
    result = engine.translate_batch(["Hola", "Buenos días", "Adiós"], "es", "fr")

    assert result == ["[fr] Hola", "[fr] Buenos días", "[fr] Adiós"]
    (call,) = loopback.calls("/microsoft/translate")
    assert call.json == [{"text": "Hola"}, {"text": "Buenos días"}, {"text": "Adiós"}]
    assert (call.query["from"], call.query["to"], call.query["api-version"]) == (
        ["es"],
        ["fr"],
        ["3.0"],
    )


def test_key_and_region_go_in_the_headers(engine, loopback):
    engine.translate_batch(["Hola"], "es", "en")

    (call,) = loopback.calls("/microsoft/translate")
    assert call.headers["ocp-apim-subscription-key"] == loopback.microsoft_key
    assert call.headers["ocp-apim-subscription-region"] == "westeurope"


def test_batches_larger_than_the_array_limit_are_split(engine, loopback):
    texts = [f"Frase {n}" for n in range(150)]

    result = engine.translate_batch(texts, "es", "en")

    assert result == [f"[en] Frase {n}" for n in range(150)]
    assert [len(call.json) for call in loopback.calls("/microsoft/translate")] == [100, 50]


def test_wrong_key_is_permanent(loopback):
    engine = MicrosoftEngine(api_key="wrong", url=loopback.url("microsoft"), timeout=2)

    with pytest.raises(PermanentTranslationError, match="401"):
        engine.translate_batch(["Hola"], "es", "en")


def test_rate_limit_is_transient_and_carries_retry_after(engine, loopback):
    loopback.reply(
        "microsoft/translate",
        429,
        {"error": {"code": 429001, "message": "Too many requests"}},
        headers={"Retry-After": "12"},
    )

    with pytest.raises(TransientTranslationError) as caught:
        engine.translate_batch(["Hola"], "es", "en")

    assert caught.value.retry_after == 12


def test_server_error_is_transient(engine, loopback):
    loopback.reply("microsoft/translate", 503, {"error": {"code": 503000, "message": "busy"}})

    with pytest.raises(TransientTranslationError):
        engine.translate_batch(["Hola"], "es", "en")


def test_hung_provider_fails_within_the_timeout(engine, loopback):
    loopback.hang("microsoft/translate", seconds=30)
    started = time.monotonic()

    with pytest.raises(TransientTranslationError):
        engine.translate_batch(["Hola"], "es", "en")

    assert time.monotonic() - started < 4


def test_language_the_provider_does_not_list_is_permanent(engine, loopback):
    with pytest.raises(PermanentTranslationError):
        engine.translate_batch(["Hola"], "es", "de")
    assert loopback.calls("/microsoft/translate") == []
