"""Where the forum meets the translation pipeline: saving a post queues its translations."""

from __future__ import annotations

from django.conf import settings

from translations.pipeline import request_post_translation

from .courses import languages_for_forum

ALL_LANGUAGES = [code for code, _name in settings.LANGUAGES]


def course_languages(forum_id: int) -> list[str]:
    """The languages of the course a forum belongs to (every site language elsewhere)."""
    languages = languages_for_forum(forum_id)
    return languages if languages is not None else ALL_LANGUAGES


def post_saved(sender, instance, created: bool = False, raw: bool = False, **kwargs) -> None:
    """post_save receiver for machina's Post: the post is stored; its translations follow."""
    if raw:
        return
    request_post_translation(
        instance,
        targets=course_languages(instance.topic.forum_id),
        language=getattr(instance, "puentes_chosen_language", None),
        created=created,
    )
