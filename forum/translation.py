"""Where the forum meets the translation pipeline: saving a post queues its translations,
into its course's languages, with its course's glossary."""

from __future__ import annotations

from members.languages import LANGUAGE_CODES
from translations.pipeline import request_post_translation

from .course_of import course_languages_of_forum


def post_saved(sender, instance, created: bool = False, raw: bool = False, **kwargs) -> None:
    """post_save receiver for machina's Post: the post is stored; its translations follow.

    A post outside courses goes into every language, with no glossary.
    """
    if raw:
        return
    course_id, languages = course_languages_of_forum(instance.topic.forum_id) or (
        None,
        LANGUAGE_CODES,
    )
    request_post_translation(
        instance,
        targets=languages,
        language=getattr(instance, "puentes_chosen_language", None),
        assumed_language=getattr(instance, "puentes_assumed_language", None),
        created=created,
        glossary=course_id,
    )
