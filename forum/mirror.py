"""The machina forum tree as a mirror of the course pages.

A course is a machina category; each published week is a forum in it; each discussion
question of a week is a pinned (sticky) topic in that forum, opened in the name of the
organizer who published the week. Every function here is safe to run again: publishing a
week twice updates its forum and topics, never duplicates them.

Decisions:
- Unpublishing hides a week's forum (`WeekForum.hidden`, no grants; see permissions.py)
  and keeps its posts, so republishing brings the discussion back.
- A question removed from the week keeps its topic, locked and unpinned: people answered
  it, and their answers are part of the cohort's record. Deleting the week deletes all.
- One forum per week in every language: a week is one page (its texts are translated beside
  it), so its discussion is one multilingual discussion.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext
from machina.core.db.models import get_model

from courses.models import CoursePage, Enrollment, Role, WeekPage

from .models import CourseCategory, QuestionTopic, WeekForum

Forum: Any = get_model("forum", "Forum")
Topic: Any = get_model("forum_conversation", "Topic")
Post: Any = get_model("forum_conversation", "Post")

logger = logging.getLogger(__name__)

FORUM_NAME_LENGTH = 100  # machina's Forum.name
SUBJECT_LENGTH = 255  # machina's Topic.subject and Post.subject


def week_forum_name(week: WeekPage) -> str:
    """The forum's name ("Week 3: <title>") in the language the week is written in, the site's
    language when it is left to detection: the name is translated from there, as its texts."""
    with translation.override(week.language_written or settings.LANGUAGE_CODE):
        name = gettext("Week %(number)d: %(title)s") % {"number": week.number, "title": week.title}
    return Truncator(name).chars(FORUM_NAME_LENGTH)


def question_subject(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(SUBJECT_LENGTH)


@transaction.atomic
def mirror_course(course: CoursePage) -> Forum:
    """The course's category, created on first need and renamed with the course."""
    category = CourseCategory.objects.select_related("forum").filter(course=course).first()
    if category is None:
        forum = Forum.objects.create(
            name=Truncator(course.title).chars(FORUM_NAME_LENGTH),
            type=Forum.FORUM_CAT,
            description=course.summary,
        )
        CourseCategory.objects.create(course=course, forum=forum)
        return forum
    _update(category.forum, name=Truncator(course.title).chars(FORUM_NAME_LENGTH))
    return category.forum


@transaction.atomic
def mirror_week(week: WeekPage, *, poster: User | None = None) -> WeekForum | None:
    """Create or update the week's forum and its question topics (on publish)."""
    if week.alias_of_id:
        return None
    course = week.get_parent().specific
    if not isinstance(course, CoursePage):
        return None
    week_forum = WeekForum.objects.select_related("forum").filter(week=week).first()
    category = mirror_course(course)
    if week_forum is None:
        forum = Forum.objects.create(
            parent=category,
            name=week_forum_name(week),
            type=Forum.FORUM_POST,
            description=week.theme,
        )
        week_forum = WeekForum.objects.create(week=week, forum=forum)
    else:
        _update(
            week_forum.forum,
            parent=category,
            name=week_forum_name(week),
            description=week.theme,
        )
        if week_forum.hidden:
            week_forum.hidden = False
            week_forum.save(update_fields=["hidden"])
    sync_question_topics(week, week_forum.forum, poster=poster or default_poster(week))
    return week_forum


def hide_week(week: WeekPage) -> WeekForum | None:
    week_forum = WeekForum.objects.filter(week=week).first()
    if week_forum is not None and not week_forum.hidden:
        week_forum.hidden = True
        week_forum.save(update_fields=["hidden"])
    return week_forum


def follow_move(week: WeekPage) -> WeekForum | None:
    """After a week moved to another course, its forum moves to that course's category."""
    week_forum = WeekForum.objects.select_related("forum").filter(week=week).first()
    course = week.get_parent().specific
    if week_forum is None or not isinstance(course, CoursePage):
        return week_forum
    _update(week_forum.forum, parent=mirror_course(course))
    return week_forum


def delete_forum(forum_id: int | None) -> None:
    """Delete a mirrored forum with its topics and posts (mptt keeps the tree consistent)."""
    forum = Forum.objects.filter(pk=forum_id).first()
    if forum is not None:
        forum.delete()


def default_poster(week: WeekPage) -> User | None:
    """Who opens the question topics when the publisher is unknown (e.g. a scheduled publish)."""
    if week.owner_id:
        return week.owner
    enrollment = (
        Enrollment.objects.filter(course_id=week.get_parent().pk, role=Role.ORGANIZER)
        .select_related("user")
        .order_by("created_at")
        .first()
    )
    return enrollment.user if enrollment else None


def sync_question_topics(week: WeekPage, forum: Forum, *, poster: User | None) -> None:
    existing = {
        question_topic.block_id: question_topic
        for question_topic in QuestionTopic.objects.filter(week=week).select_related(
            "topic__first_post"
        )
    }
    questions = [block for block in week.questions if block.block_type == "question"]
    for position, block in enumerate(questions):
        text = block.value["text"].strip()
        question_topic = existing.pop(block.id, None)
        if question_topic is None:
            if poster is None:
                logger.warning(
                    "No poster for the questions of week %s: topics not created", week.pk
                )
                continue
            QuestionTopic.objects.create(
                week=week,
                block_id=block.id,
                topic=_open_topic(forum, poster, text),
                position=position,
            )
        else:
            _update_topic(question_topic.topic, forum, text)
            if question_topic.position != position or question_topic.retired:
                question_topic.position = position
                question_topic.retired = False
                question_topic.save(update_fields=["position", "retired"])
    for question_topic in existing.values():
        _retire(question_topic)


def _open_topic(forum: Forum, poster: User, text: str) -> Topic:
    subject = question_subject(text)
    topic = Topic.objects.create(
        forum=forum,
        poster=poster,
        subject=subject,
        type=Topic.TOPIC_STICKY,
        status=Topic.TOPIC_UNLOCKED,
        approved=True,
    )
    Post.objects.create(topic=topic, poster=poster, subject=subject, content=text, approved=True)
    return topic


def _update_topic(topic: Topic, forum: Forum, text: str) -> None:
    subject = question_subject(text)
    first_post = topic.first_post
    if first_post is not None and (first_post.subject != subject or first_post.content.raw != text):
        first_post.subject = subject
        first_post.content = text
        first_post.save()  # machina copies a head post's subject onto its topic
        topic.refresh_from_db()
    _update(
        topic,
        forum=forum,
        subject=subject,
        type=Topic.TOPIC_STICKY,
        status=Topic.TOPIC_UNLOCKED,
    )


def _retire(question_topic: QuestionTopic) -> None:
    _update(question_topic.topic, type=Topic.TOPIC_POST, status=Topic.TOPIC_LOCKED)
    if not question_topic.retired:
        question_topic.retired = True
        question_topic.save(update_fields=["retired"])


def _update(instance, **values) -> None:
    """Save only when something changed: machina's save hooks recount trackers."""
    changed = {
        name: value
        for name, value in values.items()
        if _comparable(getattr(instance, name)) != _comparable(value)
    }
    if changed:
        for name, value in changed.items():
            setattr(instance, name, value)
        instance.save()


def _comparable(value):
    raw = getattr(value, "raw", None)  # machina's MarkupText
    if raw is not None or value.__class__.__name__ == "MarkupText":
        return raw or ""
    if hasattr(value, "pk"):
        return value.pk
    return value if value is not None else ""
