"""get_engine builds the engine a name or the settings choose, configured as it is told.

Each engine is built through the factory and then used: the options must reach the
provider (the loopback server records what arrives) or the apertium process, not just sit
on the object.
"""

from __future__ import annotations

import copy
import os
import re
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from translations.engines import ENGINES, get_engine
from translations.engines.apertium import ApertiumEngine
from translations.engines.deepl_api import DeepLEngine
from translations.engines.google import GoogleEngine
from translations.engines.http import DEFAULT_TIMEOUT
from translations.engines.libretranslate import LibreTranslateEngine
from translations.engines.microsoft import MicrosoftEngine
from translations.errors import PermanentTranslationError, TransientTranslationError

ROOT = Path(__file__).resolve().parents[2]


#: Engine name → its provider's path on the loopback server.
LOOPBACK_PROVIDER = {
    "google": "google",
    "deepl": "deepl",
    "microsoft": "microsoft",
    "libretranslate": "libre",
}


def online_options(loopback, name: str) -> dict[str, object]:
    """What each online engine needs to reach its loopback provider."""
    return {
        "google": {"url": f"{loopback.url('google')}/m"},
        "deepl": {"api_key": loopback.deepl_key, "url": loopback.url("deepl")},
        "microsoft": {"api_key": loopback.microsoft_key, "url": loopback.url("microsoft")},
        "libretranslate": {"url": loopback.url("libre")},
    }[name]


# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "engine_class", "online"),
    [
        ("apertium", ApertiumEngine, False),
        ("google", GoogleEngine, True),
        ("deepl", DeepLEngine, True),
        ("microsoft", MicrosoftEngine, True),
        ("libretranslate", LibreTranslateEngine, True),
    ],
)
def test_each_engine_name_builds_that_provider(loopback, name, engine_class, online):
    options = online_options(loopback, name) if online else {}

    engine = get_engine(name, **options)

    assert type(engine) is engine_class
    assert engine.is_online is online


@pytest.mark.parametrize("name", sorted(ENGINES))
def test_every_listed_engine_keys_translation_memory_by_its_own_name(loopback, name):
    options = {} if name == "apertium" else online_options(loopback, name)

    assert get_engine(name, **options).name == name


def test_engine_names_are_case_insensitive(loopback):
    engine = get_engine("DeepL", **online_options(loopback, "deepl"))

    assert type(engine) is DeepLEngine


def test_unknown_engine_name_is_refused_naming_it_and_the_choices():
    expected = (
        "Unknown translation engine 'babelfish'; "
        "choose one of apertium, google, deepl, microsoft, libretranslate"
    )

    with pytest.raises(ValueError, match=re.escape(expected)):
        get_engine("babelfish")


def test_unknown_engine_in_the_settings_is_refused_when_the_default_is_asked_for(settings):
    settings.TRANSLATION_ENGINE = "Babelfish"

    with pytest.raises(ValueError, match="Unknown translation engine 'babelfish'"):
        get_engine()


def test_blank_engine_setting_falls_back_to_apertium(settings):
    settings.TRANSLATION_ENGINE = ""
    settings.TRANSLATION_ENGINE_OPTIONS = {}

    assert type(get_engine()) is ApertiumEngine


def test_without_django_settings_the_offline_default_is_used():
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = "from translations.engines import get_engine; print(get_engine().name)"

    completed = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )

    assert completed.stdout.strip() == "apertium"


# ---------------------------------------------------------------------------
# Options given as arguments reach the provider
# ---------------------------------------------------------------------------
def test_apertium_runs_the_executable_it_is_given(tmp_path, apertium_executable):
    log = tmp_path / "calls.log"
    wrapper = tmp_path / "apertium-wrapper"
    wrapper.write_text(f'#!/bin/sh\necho "$*" >> {log}\nexec {apertium_executable} "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    engine = get_engine("apertium", executable=str(wrapper), warm=False, timeout=20)

    result = engine.translate_batch(["El perro negro come la manzana."], "es", "en")

    assert result == ["The black dog eats the apple."]
    assert (engine.timeout, engine.warm) == (20, False)
    assert any("spa-eng" in call or "es-en" in call for call in log.read_text().splitlines())


def test_apertium_with_a_missing_executable_names_it_when_used():
    engine = get_engine("apertium", executable="/nonexistent/apertium-x", warm=False)

    with pytest.raises(PermanentTranslationError, match="/nonexistent/apertium-x"):
        engine.translate_batch(["Hola"], "es", "en")


def test_google_requests_go_to_the_url_it_is_given(loopback):
    engine = get_engine("google", url=f"{loopback.url('google')}/m")

    assert engine.translate_batch(["Hola"], "es", "fr") == ["[fr] Hola"]
    (call,) = loopback.calls("/google/m")
    assert (call.query["q"], call.query["tl"]) == (["Hola"], ["fr"])


def test_deepl_sends_the_key_it_is_given_to_the_url_it_is_given(loopback):
    engine = get_engine("deepl", api_key=loopback.deepl_key, url=loopback.url("deepl"))

    assert engine.translate_batch(["Hola"], "es", "fr") == ["[fr] Hola"]
    (call,) = loopback.calls("/deepl/v2/translate")
    assert call.headers["authorization"] == f"DeepL-Auth-Key {loopback.deepl_key}"


def test_deepl_without_a_key_is_refused_when_built():
    with pytest.raises(TypeError, match="api_key"):
        get_engine("deepl")


def test_microsoft_sends_the_key_and_region_it_is_given(loopback):
    engine = get_engine(
        "microsoft",
        api_key=loopback.microsoft_key,
        region="canadacentral",
        url=loopback.url("microsoft"),
    )

    assert engine.translate_batch(["Hola"], "es", "en") == ["[en] Hola"]
    (call,) = loopback.calls("/microsoft/translate")
    assert call.headers["ocp-apim-subscription-key"] == loopback.microsoft_key
    assert call.headers["ocp-apim-subscription-region"] == "canadacentral"


def test_libretranslate_sends_the_key_it_is_given(loopback):
    loopback.libre_requires_key = True
    engine = get_engine("libretranslate", url=loopback.url("libre"), api_key=loopback.libre_key)

    assert engine.translate_batch(["Hola", "Adiós"], "es", "en") == ["[en] Hola", "[en] Adiós"]
    (call,) = loopback.calls("/libre/translate")
    assert call.json["api_key"] == loopback.libre_key


@pytest.mark.parametrize("name", sorted(LOOPBACK_PROVIDER))
def test_the_timeout_it_is_given_bounds_a_hung_provider(loopback, name):
    engine = get_engine(name, **online_options(loopback, name), timeout=1)
    loopback.hang(LOOPBACK_PROVIDER[name], seconds=30)
    started = time.monotonic()

    with pytest.raises(TransientTranslationError):
        engine.translate_batch(["Hola"], "es", "en")

    # Far below the 35 s default: the option, not the default, stopped the wait.
    assert time.monotonic() - started < 5


def test_an_option_the_engine_does_not_take_is_refused():
    with pytest.raises(TypeError, match="api_key"):
        get_engine("google", api_key="no-such-option-for-google")


# ---------------------------------------------------------------------------
# Settings, and which engine their options belong to
# ---------------------------------------------------------------------------
def test_settings_choose_the_engine_and_configure_it(settings, loopback):
    loopback.libre_requires_key = True
    settings.TRANSLATION_ENGINE = "LibreTranslate"
    settings.TRANSLATION_ENGINE_OPTIONS = {
        "url": loopback.url("libre"),
        "api_key": loopback.libre_key,
        "timeout": 2,
    }

    engine = get_engine()

    assert type(engine) is LibreTranslateEngine
    assert engine.timeout == 2
    assert engine.translate_batch(["Hola", "Adiós"], "es", "en") == ["[en] Hola", "[en] Adiós"]
    (call,) = loopback.calls("/libre/translate")
    assert call.json["api_key"] == loopback.libre_key


def test_settings_options_also_configure_the_configured_engine_asked_for_by_name(settings):
    settings.TRANSLATION_ENGINE = "microsoft"
    settings.TRANSLATION_ENGINE_OPTIONS = {"api_key": "ms-settings-key", "region": "westeurope"}

    engine = get_engine("microsoft")

    assert (engine.api_key, engine.region) == ("ms-settings-key", "westeurope")


def test_arguments_override_settings_options_one_by_one(settings):
    settings.TRANSLATION_ENGINE = "libretranslate"
    settings.TRANSLATION_ENGINE_OPTIONS = {
        "url": "http://translate.internal/",
        "api_key": "from-settings",
        "timeout": 7,
    }

    engine = get_engine(api_key="from-argument")

    assert (engine.url, engine.api_key, engine.timeout) == (
        "http://translate.internal/",
        "from-argument",
        7,
    )


def test_arguments_for_one_engine_change_neither_the_settings_nor_the_next_engine(settings):
    settings.TRANSLATION_ENGINE = "libretranslate"
    settings.TRANSLATION_ENGINE_OPTIONS = {"url": "http://translate.internal/", "api_key": "s"}
    before = copy.deepcopy(settings.TRANSLATION_ENGINE_OPTIONS)

    first = get_engine(api_key="from-argument", timeout=3)
    second = get_engine()

    assert (first.api_key, first.timeout) == ("from-argument", 3)
    assert (second.api_key, second.timeout) == ("s", DEFAULT_TIMEOUT)
    assert settings.TRANSLATION_ENGINE_OPTIONS == before


def test_options_configured_for_another_engine_do_not_reach_the_one_asked_for(settings, loopback):
    settings.TRANSLATION_ENGINE = "deepl"
    settings.TRANSLATION_ENGINE_OPTIONS = {
        "api_key": "deepl-secret",
        "url": "http://deepl.internal/",
        "timeout": 3,
    }

    engine = get_engine("libretranslate", url=loopback.url("libre"))
    engine.translate_batch(["Hola", "Adiós"], "es", "en")

    assert (engine.url, engine.api_key, engine.timeout) == (
        f"{loopback.url('libre')}/",
        None,
        DEFAULT_TIMEOUT,
    )
    (call,) = loopback.calls("/libre/translate")
    assert "api_key" not in call.json
    assert "deepl-secret" not in call.body.decode()


def test_another_engines_key_does_not_stand_in_for_a_missing_one(settings):
    settings.TRANSLATION_ENGINE = "microsoft"
    settings.TRANSLATION_ENGINE_OPTIONS = {"api_key": "ms-settings-key", "region": "westeurope"}

    with pytest.raises(TypeError, match="api_key"):
        get_engine("deepl")
