"""Translation engines behind one interface, and the factory that picks one from settings.

Every engine offers ``translate_batch(texts, source, target) -> list[str]``, a ``name``
(the translation-memory key) and ``is_online``. Errors are always
:class:`~translations.errors.TranslationError` subclasses.

Settings (read lazily, so this works with or without Django configured)::

    TRANSLATION_ENGINE = "apertium"  # or "google", "deepl", "microsoft", "libretranslate"
    TRANSLATION_ENGINE_OPTIONS = {"api_key": "...", "url": "...", "region": "...", "timeout": 35}
"""

from __future__ import annotations

import importlib
import os
from typing import Any

from translations.engines.base import Engine, normalize_language

__all__ = ["ENGINES", "DEFAULT_ENGINE", "Engine", "get_engine", "normalize_language"]

DEFAULT_ENGINE = "apertium"

#: Engine name → "module:Class"; imported on demand so unused client libraries stay unloaded.
ENGINES: dict[str, str] = {
    "apertium": "translations.engines.apertium:ApertiumEngine",
    "google": "translations.engines.google:GoogleEngine",
    "deepl": "translations.engines.deepl_api:DeepLEngine",
    "microsoft": "translations.engines.microsoft:MicrosoftEngine",
    "libretranslate": "translations.engines.libretranslate:LibreTranslateEngine",
}


def get_engine(name: str | None = None, **options: Any) -> Engine:
    """Build the engine called ``name`` (default: ``settings.TRANSLATION_ENGINE``).

    ``settings.TRANSLATION_ENGINE_OPTIONS`` configure the engine the settings choose;
    keyword ``options`` override them. Unknown names or options fail loudly.
    """
    configured = str(_setting("TRANSLATION_ENGINE", DEFAULT_ENGINE) or DEFAULT_ENGINE).lower()
    chosen = (name or configured).lower()
    if chosen not in ENGINES:
        raise ValueError(
            f"Unknown translation engine {chosen!r}; choose one of {', '.join(ENGINES)}"
        )
    merged: dict[str, Any] = {}
    if chosen == configured:
        merged.update(_setting("TRANSLATION_ENGINE_OPTIONS", None) or {})
    merged.update(options)
    module_name, class_name = ENGINES[chosen].split(":")
    engine_class = getattr(importlib.import_module(module_name), class_name)
    return engine_class(**merged)


def _setting(name: str, default: Any) -> Any:
    """A Django setting if Django is configured (or configurable), else ``default``."""
    try:
        from django.conf import settings
    except ImportError:
        return default
    if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
        return default
    return getattr(settings, name, default)
