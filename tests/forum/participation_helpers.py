"""A course with an open week, its people and a way to post in its question topics."""

from __future__ import annotations

from machina.core.db.models import get_model

from courses.enrollment import enroll
from courses.models import Role
from forum.models import QuestionTopic, WeekForum
from members.profiles import get_profile
from tests.factories import UserFactory
from translations.models import PostLanguage

Post = get_model("forum_conversation", "Post")


def publish(page, user=None):
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def person(course, username: str, role: str = Role.PARTICIPANT, *, language="en", region="",
           week=None):  # fmt: skip
    user = UserFactory(username=username)
    profile = get_profile(user)
    profile.preferred_language = language
    profile.region = region
    profile.save()
    enroll(course=course, user=user, role=role, week=week)
    return user


def question_topic(week, index: int = 0):
    return QuestionTopic.objects.filter(week=week).order_by("position")[index].topic


def week_forum(week):
    return WeekForum.objects.get(week=week).forum


def reply(topic, user, content: str, language: str = "en", **fields):
    post = Post.objects.create(
        topic=topic, poster=user, subject=f"Re: {topic.subject}", content=content, approved=True,
        **fields,
    )  # fmt: skip
    PostLanguage.objects.update_or_create(post=post, defaults={"language": language})
    return post
