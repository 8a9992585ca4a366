"""A world for permission tests: a private and a public course, each with an upcoming, an
open, a closed and a hidden week, every role, and a private community of practice.

Built once per test module (inside a transaction rolled back at the end of the module).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from machina.core.db.models import get_model

from courses.enrollment import choose_after_course, enroll
from courses.models import AfterCourse, Role
from forum.communities import create_community
from forum.models import QuestionTopic, WeekForum
from tests.factories import CoursePageFactory, UserFactory, WeekPageFactory

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

STATES = ["upcoming", "open", "closed", "hidden"]
ROLES = [
    "anonymous",
    "outsider",
    "left",
    "participant",
    "key_respondent",
    "organizer",
    "translator",
]
POSTING_ROLES = ["participant", "key_respondent", "organizer"]
# Members may attach files: machina's forms then expect its (empty) attachment formset.
NO_ATTACHMENTS = {"attachment-TOTAL_FORMS": "0", "attachment-INITIAL_FORMS": "0"}


@dataclass
class CourseWorld:
    course: object
    people: dict = field(default_factory=dict)
    forums: dict = field(default_factory=dict)
    topics: dict = field(default_factory=dict)
    own_posts: dict = field(default_factory=dict)  # (role, state) -> post
    community_forum: object = None
    community_topic: object = None


def publish(page, user=None):
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def week_dates(state: str) -> dict:
    today = timezone.localdate()
    offsets = {"upcoming": (3, 9), "open": (-2, 4), "closed": (-9, -3), "hidden": (-2, 4)}
    start, end = offsets[state]
    return {
        "opens_on": today + dt.timedelta(days=start),
        "closes_on": today + dt.timedelta(days=end),
    }


def build_course(home_page, *, public: bool, prefix: str) -> CourseWorld:
    course = CoursePageFactory(parent=home_page, public_forum=public)
    world = CourseWorld(course=course)
    for role in ROLES:
        if role == "anonymous":
            continue
        world.people[role] = UserFactory(username=f"{prefix}-{role}")
    for role in ("participant", "key_respondent", "organizer", "translator"):
        enroll(course=course, user=world.people[role], role=role)
    enroll(course=course, user=world.people["left"], role=Role.PARTICIPANT)
    choose_after_course(course=course, user=world.people["left"], choice=AfterCourse.LEAVE)
    organizer = world.people["organizer"]
    publish(course, organizer)
    for state in STATES:
        week = publish(WeekPageFactory(parent=course, **week_dates(state)), organizer)
        forum = WeekForum.objects.get(week=week).forum
        topic = QuestionTopic.objects.filter(week=week).first().topic
        world.forums[state], world.topics[state] = forum, topic
        for role in POSTING_ROLES:
            world.own_posts[(role, state)] = Post.objects.create(
                topic=topic,
                poster=world.people[role],
                subject=f"Re: {topic.subject}",
                content=f"A response by the {role}.",
                approved=True,
            )
        if state == "hidden":
            week.unpublish()
    community = create_community(
        course=course, name=f"{prefix} community", members=[world.people["participant"]]
    )
    community.refresh_from_db()
    world.community_forum = community.forum
    world.community_topic = Topic.objects.create(
        forum=community.forum,
        poster=world.people["participant"],
        subject="Secret plans of the cooperative",
        type=Topic.TOPIC_POST,
        status=Topic.TOPIC_UNLOCKED,
        approved=True,
    )
    Post.objects.create(
        topic=world.community_topic,
        poster=world.people["participant"],
        subject="Secret plans of the cooperative",
        content="Only for the community: zanahoria confidencial.",
        approved=True,
    )
    return world


def forum_url(forum) -> str:
    return reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})


def topic_url(topic) -> str:
    forum = topic.forum
    return reverse(
        "forum_conversation:topic",
        kwargs={"forum_slug": forum.slug, "forum_pk": forum.pk, "slug": topic.slug, "pk": topic.pk},
    )


def action_url(action: str, world: CourseWorld, state: str, role: str) -> str | None:
    forum, topic = world.forums[state], world.topics[state]
    in_forum = {"forum_slug": forum.slug, "forum_pk": forum.pk}
    in_topic = {**in_forum, "topic_slug": topic.slug, "topic_pk": topic.pk}
    moderation = {"slug": topic.slug, "pk": topic.pk}
    if action == "read topic list":
        return forum_url(forum)
    if action == "read topic":
        return topic_url(topic)
    if action == "start topic":
        return reverse("forum_conversation:topic_create", kwargs=in_forum)
    if action == "reply":
        return reverse("forum_conversation:post_create", kwargs=in_topic)
    if action == "edit own post":
        post = world.own_posts.get((role, state))
        if post is None:
            return None
        return reverse("forum_conversation:post_update", kwargs={**in_topic, "pk": post.pk})
    return reverse(f"forum_moderation:topic_{action}", kwargs=moderation)
