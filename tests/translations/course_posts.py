"""Posts in a real course forum (a published week), for glossary, review and privacy tests."""

from __future__ import annotations

from machina.test.factories import PostFactory, create_topic

from forum.models import WeekForum
from translations import pipeline
from translations.models import PostLanguage


def week_forum(week, user=None):
    week.save_revision(user=user).publish(user=user)
    return WeekForum.objects.get(week=week).forum


def course_post(forum, author, *, content: str, language: str, subject: str = "Hola"):
    """A post written in ``language``, its translations requested but not yet run."""
    topic = create_topic(forum=forum, poster=author, subject=subject)
    post = PostFactory(topic=topic, poster=author, subject=subject, content=content)
    PostLanguage.objects.update_or_create(
        post=post, defaults={"language": language, "chosen_by_author": True}
    )
    pipeline.request_post_translation(post, targets=["es", "fr", "en"], language=language)
    return post
