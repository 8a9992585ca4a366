from __future__ import annotations

from django import template

from translations.pipeline import configured_engine

register = template.Library()

#: How a course page names the third party that sees the posts.
PROVIDERS = {
    "google": "Google Translate",
    "deepl": "DeepL",
    "microsoft": "Microsoft Translator",
    "libretranslate": "LibreTranslate",
}


@register.simple_tag
def online_translation_service() -> str:
    """The online service posts are sent to, or "" when translation stays on our servers."""
    engine = configured_engine()
    return PROVIDERS.get(engine.name, engine.name) if engine.is_online else ""
