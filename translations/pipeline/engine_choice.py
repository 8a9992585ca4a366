"""Which engine translates a post, and how its translation is rendered."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from members.profiles import get_profile
from translations.engines import Engine, get_engine


def engine_for_post(post) -> Engine:
    """The configured engine, or the offline one for an author who keeps their posts offline."""
    engine = configured_engine()
    if engine.is_online and post.poster_id:
        profile = get_profile(post.poster)
        if profile is not None and profile.keep_posts_offline:
            return cached_engine("apertium")
    return engine


def configured_engine() -> Engine:
    return cached_engine(settings.TRANSLATION_ENGINE)


@cache
def cached_engine(name: str) -> Engine:
    """One engine per worker process, so Apertium's warm state and HTTP sessions are reused."""
    return get_engine(name)


@cache
def markup_renderer():
    """machina's own renderer: a translation is sanitised exactly like the original."""
    return import_string(settings.MACHINA_MARKUP_LANGUAGE[0])
