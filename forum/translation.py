"""Where the forum meets the translation pipeline: saving a post queues its translations."""

from __future__ import annotations

from django.conf import settings
from machina.core.db.models import get_model

from translations.pipeline import request_post_translation

Forum = get_model("forum", "Forum")

ALL_LANGUAGES = [code for code, _name in settings.LANGUAGES]


def course_languages(forum_id: int) -> list[str]:
    """The languages of the course a forum belongs to (every site language elsewhere)."""
    from .models import CourseCategory

    forum = Forum.objects.filter(pk=forum_id).only("parent_id").first()
    category_ids = [forum_id] + ([forum.parent_id] if forum and forum.parent_id else [])
    mirror = (
        CourseCategory.objects.filter(forum_id__in=category_ids).select_related("course").first()
    )
    return list(mirror.course.languages) if mirror else ALL_LANGUAGES


def post_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    """post_save receiver for machina's Post: the post is stored; its translations follow."""
    if raw:
        return
    request_post_translation(
        instance,
        targets=course_languages(instance.topic.forum_id),
        language=getattr(instance, "puentes_chosen_language", None),
    )
