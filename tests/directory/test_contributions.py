"""A profile lists the member's posts the viewer may read: never a post of a private
community, of a course the viewer is not in, nor an answer still hidden from them."""

from __future__ import annotations

import pytest
from django.urls import reverse
from machina.core.db.models import get_model

from courses.models import Role
from forum.communities import create_community
from members.profiles import get_profile
from tests.factories import UserFactory, WeekPageFactory
from tests.forum.participation_helpers import person, publish, question_topic, reply

pytestmark = pytest.mark.django_db

Topic = get_model("forum_conversation", "Topic")

OPEN = "Respuesta abierta sobre cooperativas."
SECRET = "Plan confidencial de la comunidad."
GATED = "Respuesta independiente escondida."


@pytest.fixture
def ana(course, week, organizer):
    """Ana posts in the week, in a private community and under a post-first question."""
    publish(week, organizer)
    ana = person(course, "ana", language="es")
    profile = get_profile(ana)
    profile.visibility = "public"
    profile.save()
    reply(question_topic(week), ana, OPEN, "es")
    community = create_community(course=course, name="Cooperativas rurales", members=[ana])
    community.refresh_from_db()
    topic = Topic.objects.create(
        forum=community.forum, poster=ana, subject="Plan", type=Topic.TOPIC_POST,
        status=Topic.TOPIC_UNLOCKED, approved=True,
    )  # fmt: skip
    reply(topic, ana, SECRET, "es")
    gated_week = WeekPageFactory(
        parent=course,
        questions=[("question", {"text": "What works?", "post_before_seeing_others": True})],
    )
    publish(gated_week, organizer)
    reply(question_topic(gated_week), ana, GATED, "es")
    return ana


def contributions(client) -> str:
    response = client.get(reverse("directory:profile", args=["ana"]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_visitor_sees_no_post_of_a_course_forum(client, ana):
    html = contributions(client)

    assert OPEN not in html
    assert SECRET not in html
    assert GATED not in html


def test_a_member_outside_the_course_sees_none_of_its_posts(client, ana):
    client.force_login(UserFactory(username="outsider"))

    html = contributions(client)

    assert OPEN not in html
    assert SECRET not in html
    assert GATED not in html


def test_a_course_participant_outside_the_community_sees_only_what_they_may_read(
    client, course, ana
):
    client.force_login(person(course, "louis"))

    html = contributions(client)

    assert OPEN in html
    assert SECRET not in html  # the private community
    assert GATED not in html  # hidden until Louis answers


def test_an_organizer_outside_the_community_still_does_not_see_it(client, course, ana):
    client.force_login(person(course, "org2", Role.ORGANIZER))

    html = contributions(client)

    assert OPEN in html
    assert GATED in html
    assert SECRET not in html


def test_the_member_sees_all_her_posts_each_linked_to_it(client, ana):
    client.force_login(ana)

    response = client.get(reverse("directory:profile", args=["ana"]))

    html = response.content.decode()
    assert OPEN in html
    assert SECRET in html
    assert GATED in html
    for shown in response.context["posts"]:
        assert f"?post={shown.post.pk}#{shown.post.pk}" in html


def test_hiding_contributions_lists_none(client, course, ana):
    profile = get_profile(ana)
    profile.show_contributions = False
    profile.save()
    client.force_login(person(course, "louis"))

    assert OPEN not in contributions(client)
