"""A private community of practice leaks nothing to non-members: not through the index,
search, feeds, member post listings, unread topics or the week pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.models import Role
from forum.communities import create_community
from tests.forum.helpers import topic_url
from tests.forum.participation_helpers import person, publish, reply

pytestmark = pytest.mark.django_db

SECRET = "zanahoria confidencial"


@pytest.fixture
def community(course, week, organizer):
    from machina.core.db.models import get_model

    Topic = get_model("forum_conversation", "Topic")
    publish(week, organizer)
    member = person(course, "ana", language="es")
    community = create_community(course=course, name="Cooperativas rurales", members=[member])
    community.refresh_from_db()
    topic = Topic.objects.create(
        forum=community.forum, poster=member, subject=f"Plan {SECRET}",
        type=Topic.TOPIC_POST, status=Topic.TOPIC_UNLOCKED, approved=True,
    )  # fmt: skip
    reply(topic, member, f"Only for us: {SECRET}.", "es")
    return community, member, topic


@pytest.fixture(params=["participant", "organizer", "anonymous"])
def outsider_client(request, client, course):
    if request.param != "anonymous":
        role = Role.ORGANIZER if request.param == "organizer" else Role.PARTICIPANT
        client.force_login(person(course, f"outsider-{request.param}", role))
    return client


def test_a_member_reads_and_posts_in_the_community(client, community):
    _community, member, topic = community
    client.force_login(member)

    assert SECRET in client.get(topic_url(topic)).content.decode()
    forum = topic.forum
    assert (
        client.get(
            reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk])
        ).status_code
        == 200
    )


def test_the_community_topic_is_refused_to_outsiders(outsider_client, community):
    _community, _member, topic = community

    assert outsider_client.get(topic_url(topic)).status_code in (302, 403)


@pytest.mark.parametrize(
    "url",
    [
        "/forum/",
        "/forum/feeds/topics/",
        "/forum/search/?q=zanahoria",
        "/forum/tracking/unread-topics/",
    ],
)
def test_no_listing_shows_the_community_to_outsiders(outsider_client, community, url):
    response = outsider_client.get(url)

    assert SECRET not in response.content.decode()
    assert "Cooperativas rurales" not in response.content.decode()


def test_the_members_post_list_hides_community_posts_from_outsiders(outsider_client, community):
    _community, member, _topic = community

    response = outsider_client.get(reverse("forum_member:user_posts", args=[member.pk]))

    assert SECRET not in response.content.decode()


def test_the_week_page_does_not_mention_the_community(outsider_client, community, week):
    assert SECRET not in outsider_client.get(week.url).content.decode()


def test_removing_a_member_closes_the_community_to_them(client, community):
    community_, member, topic = community
    community_.members.remove(member)
    client.force_login(member)

    assert client.get(topic_url(topic)).status_code == 403
