"""Communities of practice: a course's private sub-forum seen only by its members, or a
forum of its own under the communities' category (`communities` app)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext
from machina.core.db.models import get_model

from courses.models import CoursePage

from . import mirror
from .course_of import course_forum_ids
from .models import CommunityOfPractice

Forum: Any = get_model("forum", "Forum")


def communities_category_name() -> str:
    """In the site's language, as week forums are named: translated from there."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext("Communities of practice")


@transaction.atomic
def communities_category() -> Forum:
    """The category of the communities without a course, created on first need: found as
    the parent of their forums, or by its name before any has one."""
    parent_id = (
        CommunityOfPractice.objects.filter(course=None, forum__isnull=False)
        .values_list("forum__parent_id", flat=True)
        .first()
    )
    found = Forum.objects.filter(pk=parent_id).first() if parent_id else None
    name = communities_category_name()
    found = found or Forum.objects.filter(parent=None, type=Forum.FORUM_CAT, name=name).first()
    return found or Forum.objects.create(name=name, type=Forum.FORUM_CAT)


@transaction.atomic
def open_community(community: CommunityOfPractice) -> Forum:
    """The community's forum under its course's category (or the communities' category),
    created on first need."""
    name = Truncator(community.name).chars(mirror.FORUM_NAME_LENGTH)
    if community.course is None:
        category = communities_category()
    else:
        category = mirror.mirror_course(community.course.specific)
    forum = Forum.objects.filter(pk=community.forum_id).first() if community.forum_id else None
    if forum is None:
        forum = Forum.objects.create(
            parent=category, name=name, type=Forum.FORUM_POST, description=community.description
        )
        CommunityOfPractice.objects.filter(pk=community.pk).update(forum=forum)
        community.forum = forum
    else:
        mirror._update(forum, parent=category, name=name, description=community.description)
    return forum


def create_community(
    *, course: CoursePage, name: str, members: list[User], description: str = ""
) -> CommunityOfPractice:
    community = CommunityOfPractice.objects.create(
        course=course, name=name, description=description
    )
    community.members.set(members)
    return community


def unsubscribe_from_course(user: User, course: CoursePage) -> int:
    """A member who leaves after the course stops receiving its topics' notifications."""
    # machina's Topic.subscribers: untyped machina, so django-stubs knows no reverse relation.
    subscriptions = user.topic_subscriptions  # type: ignore[attr-defined]
    topics = list(subscriptions.filter(forum_id__in=course_forum_ids(course)))
    subscriptions.remove(*topics)
    return len(topics)
