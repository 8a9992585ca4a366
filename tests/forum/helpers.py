"""Members, course forums and their grants for the forum tests.

Access comes the product's way: a course's week is published (the mirror makes its forum)
and a person is enrolled (`courses.enrollment.enroll`), which puts them in the course's
role group that `forum.permissions` grants to. No per-user machina rows.
"""

from __future__ import annotations

from django.urls import reverse
from machina.test.factories import UserFactory

from cms.models import HomePage
from courses.enrollment import enroll
from courses.models import Role
from forum.course_of import course_of_forum
from forum.models import WeekForum
from members.profiles import get_profile
from tests.factories import CoursePageFactory, WeekPageFactory


def course_forum(*, public: bool = False, languages: list[str] | None = None):
    """The machina forum of a new course's open week, published as an editor would.

    The week has no discussion questions, so the forum starts without topics.
    """
    extra = {"languages": languages} if languages is not None else {}
    course = CoursePageFactory(
        parent=HomePage.objects.get(slug="home"), public_forum=public, **extra
    )
    week = WeekPageFactory(parent=course, questions=[])
    week.save_revision().publish()
    return WeekForum.objects.get(week=week).forum


def grant(user, forum, role: Role | str = Role.PARTICIPANT):
    """Enroll ``user`` in the course ``forum`` belongs to, in ``role``."""
    course = course_of_forum(forum.pk)
    assert course is not None, (
        f"forum {forum.pk} ({forum.name!r}) belongs to no course: build it with course_forum()"
    )
    enroll(course=course, user=user, role=role)


def member(language: str, reads: list[str] | None = None):
    user = UserFactory()
    profile = get_profile(user)
    profile.preferred_language = language
    profile.reads_languages = reads or []
    profile.save()
    return user


def topic_url(topic) -> str:
    return reverse(
        "forum_conversation:topic",
        kwargs={
            "forum_slug": topic.forum.slug,
            "forum_pk": topic.forum.pk,
            "slug": topic.slug,
            "pk": topic.pk,
        },
    )


def row(post, language="es"):
    """The post's translation into ``language``."""
    from translations.models import PostTranslation

    return PostTranslation.objects.get(post=post, language=language)


def translated_spanish_topic(forum, author):
    """A topic with one Spanish post on credit for cooperatives, translated into every
    language (by a counting engine, at once); the topic and its post."""
    from machina.test.factories import PostFactory, create_topic

    from tests.translations.pipeline_helpers import CountingEngine
    from translations import pipeline
    from translations.models import PostLanguage

    topic = create_topic(forum=forum, poster=author, subject="La economía social")
    post = PostFactory(
        topic=topic,
        poster=author,
        subject="La economía social",
        content="Las cooperativas necesitan **crédito** y políticas estables.",
    )
    PostLanguage.objects.update_or_create(post=post, defaults={"language": "es"})
    pipeline.request_post_translation(post, targets=["es", "fr", "en"], language="es")
    pipeline.translate_pending(post.pk, engine=CountingEngine())
    return topic, post
