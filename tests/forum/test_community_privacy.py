"""A private community of practice leaks nothing to non-members: not through the index,
search, feeds, member post listings, unread topics or the week pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.models import Role
from forum.communities import create_community
from tests.forum.helpers import topic_url
from tests.forum.participation_helpers import person, publish, question_topic, reply, week_forum

pytestmark = pytest.mark.django_db

SECRET = "zanahoria confidencial"
# Shares the word searched for with the secret, so a search finds both if it can.
PUBLIC = "zanahoria compartida"


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


@pytest.fixture
def public_topic(community, week):
    """A question topic of the week, open to the whole course, where the member also wrote."""
    _community, member, _topic = community
    topic = question_topic(week)
    reply(topic, member, f"Para todos: {PUBLIC}.", "es")
    return topic


def outsider(client, course, kind: str):
    """A client for a visitor, or for a course member (even an organizer) not in the community."""
    if kind != "anonymous":
        role = Role.ORGANIZER if kind == "organizer" else Role.PARTICIPANT
        client.force_login(person(course, f"outsider-{kind}", role))
    return client


@pytest.fixture(params=["participant", "organizer"])
def signed_in_outsider(request, client, course):
    return outsider(client, course, request.param)


@pytest.fixture(params=["participant", "organizer", "anonymous"])
def any_outsider(request, client, course):
    return outsider(client, course, request.param)


def community_pages(topic) -> dict[str, str]:
    forum = topic.forum
    return {
        "topic": topic_url(topic),
        "forum": reverse("forum:forum", args=[forum.slug, forum.pk]),
        "new topic": reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk]),
    }


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


def test_a_member_finds_the_community_on_the_forum_index(client, community):
    _community, member, _topic = community
    client.force_login(member)

    assert "Cooperativas rurales" in client.get("/forum/").content.decode()


@pytest.mark.parametrize("page", ["topic", "forum", "new topic"])
def test_the_community_is_forbidden_to_signed_in_outsiders(signed_in_outsider, community, page):
    _community, _member, topic = community

    response = signed_in_outsider.get(community_pages(topic)[page])

    assert response.status_code == 403
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize("page", ["topic", "forum", "new topic"])
def test_visitors_are_sent_to_sign_in_and_back_to_the_community_page(client, community, page):
    _community, _member, topic = community
    url = community_pages(topic)[page]

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("/forum/", "week forum"),
        ("/forum/feeds/topics/", "public reply"),
        ("/forum/search/?q=zanahoria", "public reply"),
        ("/forum/tracking/unread-topics/", "public topic"),
    ],
)
def test_listings_show_outsiders_the_course_but_not_the_community(
    signed_in_outsider, community, public_topic, week, url, shown
):
    expected = {
        "week forum": week_forum(week).name,
        "public reply": PUBLIC,
        "public topic": public_topic.subject,
    }[shown]

    # (Search marks the words found: <mark>zanahoria</mark> compartida.)
    html = signed_in_outsider.get(url).content.decode().replace("<mark>", "").replace("</mark>", "")

    assert expected in html
    assert SECRET not in html
    assert "Cooperativas rurales" not in html


# A member's post list is no listing for visitors at all: tests/privacy/test_member_profiles.py
@pytest.mark.parametrize("url", ["/forum/", "/forum/feeds/topics/", "/forum/search/?q=zanahoria"])
def test_listings_show_visitors_nothing_of_the_community(client, community, public_topic, url):
    response = client.get(url)

    assert response.status_code == 200
    assert SECRET not in response.content.decode()
    assert "Cooperativas rurales" not in response.content.decode()


def test_unread_topics_send_visitors_to_sign_in(client, community):
    response = client.get("/forum/tracking/unread-topics/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/forum/tracking/unread-topics/"


def test_the_members_post_list_shows_outsiders_only_the_public_posts(
    signed_in_outsider, community, public_topic
):
    _community, member, _topic = community

    html = signed_in_outsider.get(reverse("forum_member:user_posts", args=[member.pk])).content
    html = html.decode()

    assert PUBLIC in html
    assert SECRET not in html


def test_the_week_page_shows_outsiders_its_topics_but_not_the_community(
    any_outsider, community, public_topic, week
):
    html = any_outsider.get(week.url).content.decode()

    assert public_topic.subject in html
    assert SECRET not in html
    assert "Cooperativas rurales" not in html


def test_removing_a_member_closes_the_community_to_them(client, community):
    community_, member, topic = community
    community_.members.remove(member)
    client.force_login(member)

    response = client.get(topic_url(topic))

    assert response.status_code == 403
    assert SECRET not in response.content.decode()
