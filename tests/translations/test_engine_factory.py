"""get_engine picks and configures engines from arguments or Django settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from translations.engines import ENGINES, get_engine
from translations.engines.apertium import ApertiumEngine
from translations.engines.deepl_api import DeepLEngine
from translations.engines.google import GoogleEngine
from translations.engines.libretranslate import LibreTranslateEngine
from translations.engines.microsoft import MicrosoftEngine

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def override_settings():
    """django's override_settings, configuring bare settings first when nothing did."""
    from django.conf import settings
    from django.test import override_settings

    if not settings.configured:
        settings.configure()
    return override_settings


@pytest.mark.parametrize(
    ("name", "options", "engine_class", "online"),
    [
        ("apertium", {}, ApertiumEngine, False),
        ("google", {}, GoogleEngine, True),
        ("deepl", {"api_key": "k"}, DeepLEngine, True),
        ("microsoft", {"api_key": "k", "region": "westeurope"}, MicrosoftEngine, True),
        ("libretranslate", {"url": "http://127.0.0.1:5000"}, LibreTranslateEngine, True),
    ],
)
def test_each_engine_is_built_by_name(name, options, engine_class, online):
    engine = get_engine(name, **options)

    assert isinstance(engine, engine_class)
    assert engine.name == name
    assert engine.is_online is online


def test_every_listed_engine_name_matches_its_memory_key():
    assert set(ENGINES) == {"apertium", "google", "deepl", "microsoft", "libretranslate"}


def test_unknown_engine_name_fails_loudly():
    with pytest.raises(ValueError, match="choose one of"):
        get_engine("babelfish")


def test_settings_choose_and_configure_the_engine(override_settings, loopback):
    options = {"url": loopback.url("libre"), "timeout": 2}
    with override_settings(TRANSLATION_ENGINE="libretranslate", TRANSLATION_ENGINE_OPTIONS=options):
        engine = get_engine()

    assert isinstance(engine, LibreTranslateEngine)
    assert engine.translate_batch(["Hola"], "es", "en") == ["[en] Hola"]


def test_arguments_override_settings_options(override_settings):
    options = {"url": "http://translate.internal/", "api_key": "from-settings"}
    with override_settings(TRANSLATION_ENGINE="libretranslate", TRANSLATION_ENGINE_OPTIONS=options):
        engine = get_engine(api_key="from-argument")

    assert (engine.url, engine.api_key) == ("http://translate.internal/", "from-argument")


def test_options_for_the_configured_engine_do_not_leak_into_another(override_settings):
    options = {"api_key": "deepl-key", "url": "http://deepl.internal/"}
    with override_settings(TRANSLATION_ENGINE="deepl", TRANSLATION_ENGINE_OPTIONS=options):
        engine = get_engine("apertium")

    assert isinstance(engine, ApertiumEngine)


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
