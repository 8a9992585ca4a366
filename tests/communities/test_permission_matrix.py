"""Who sees a community's discussions, through every path that shows a topic: the community
pages, machina's forum index, forum and topic pages, search, feeds, unread topics, and the
recipients of notifications.

| identity | open community's topic | private community's topic |
| --- | --- | --- |
| anonymous visitor | no | no |
| signed-in member of neither | yes | no |
| member of the open one only | yes | no |
| member of the private one | yes | yes |
| host of the private one | yes | yes |
| site moderator | yes | yes |
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from notifications.privacy import readers

pytestmark = pytest.mark.django_db

OPEN_SUBJECT, OPEN_WORD = "Circuits courts et monnaie", "maraichers"
PRIVATE_SUBJECT, PRIVATE_WORD = "Tasas confidenciales", "confidencialmente"

IDENTITIES = {
    # identity: (reads the open community's topics, reads the private one's)
    "anonymous": (False, False),
    "outsider": (True, False),
    "open_member": (True, False),
    "private_member": (True, True),
    "private_host": (True, True),
    "moderator": (True, True),
}


def topic_url(topic) -> str:
    forum = topic.forum
    return reverse(
        "forum_conversation:topic",
        kwargs={"forum_slug": forum.slug, "forum_pk": forum.pk, "slug": topic.slug, "pk": topic.pk},
    )


def forum_url(forum) -> str:
    return reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})


def sign_in(client, world, identity: str) -> None:
    if identity != "anonymous":
        client.force_login(getattr(world, identity))


def text(response) -> str:
    return response.content.decode() if response.status_code == 200 else ""


def paths(client, world, topic, word: str) -> dict[str, str]:
    """Each page that could show the topic, as this reader gets it."""
    community = world.private_community if topic == world.private_topic else world.open_community
    forum = community.forum
    category = forum.parent
    return {
        "community page": text(client.get(reverse("communities:detail", args=[community.slug]))),
        "forum index": text(client.get(reverse("forum:index"))),
        "forum page": text(client.get(forum_url(forum))),
        "topic page": text(client.get(topic_url(topic))),
        "search": text(client.get("/forum/search/", {"q": word})),
        "all topics feed": text(client.get("/forum/feeds/topics/")),
        "forum feed": text(client.get(f"/forum/feeds/forum/{forum.slug}-{forum.pk}/topics/")),
        "category feed": text(
            client.get(f"/forum/feeds/forum/{category.slug}-{category.pk}/topics/all/")
        ),
        "unread topics": text(client.get(reverse("forum_tracking:unread_topics"))),
    }


@pytest.mark.parametrize("identity", IDENTITIES)
def test_a_private_communitys_topic_shows_only_to_its_members_and_moderators(
    client, world, identity
):
    sign_in(client, world, identity)
    reads = IDENTITIES[identity][1]

    shown = paths(client, world, world.private_topic, PRIVATE_WORD)

    leaks = [name for name, page in shown.items() if PRIVATE_SUBJECT in page]
    if reads:
        missing = [
            name
            for name in ("community page", "forum page", "topic page", "search", "forum feed")
            if name not in leaks
        ]
        assert missing == []
    else:
        assert leaks == []


@pytest.mark.parametrize("identity", IDENTITIES)
def test_an_open_communitys_topic_shows_to_signed_in_members_only(client, world, identity):
    sign_in(client, world, identity)
    reads = IDENTITIES[identity][0]

    shown = paths(client, world, world.open_topic, OPEN_WORD)

    found = [name for name, page in shown.items() if OPEN_SUBJECT in page]
    if reads:
        expected = ["community page", "forum page", "topic page", "search", "forum feed"]
        assert [name for name in expected if name not in found] == []
    else:
        assert found == []


def test_the_forum_index_lists_a_private_community_to_its_members_only(client, world):
    name = world.private_community.forum.name
    client.force_login(world.outsider)
    outsider = text(client.get(reverse("forum:index")))
    client.force_login(world.private_member)
    member = text(client.get(reverse("forum:index")))

    assert world.open_community.forum.name in outsider
    assert name not in outsider
    assert name in member


def test_unread_topics_list_a_private_topic_to_members_only(client, world):
    client.force_login(world.private_member)
    member = text(client.get(reverse("forum_tracking:unread_topics")))
    client.force_login(world.outsider)
    outsider = text(client.get(reverse("forum_tracking:unread_topics")))

    assert PRIVATE_SUBJECT in member
    assert PRIVATE_SUBJECT not in outsider
    assert OPEN_SUBJECT in outsider


def test_the_communities_listing_shows_private_communities_to_signed_in_members_only(client, world):
    anonymous = text(client.get(reverse("communities:index")))
    client.force_login(world.outsider)
    signed_in = text(client.get(reverse("communities:index")))

    assert "Monnaies locales" in anonymous
    assert "Finanzas solidarias" not in anonymous
    assert "Finanzas solidarias" in signed_in
    assert "Request to join" in signed_in
    # The listing tells no discussion.
    assert PRIVATE_SUBJECT not in signed_in
    assert OPEN_SUBJECT not in anonymous


def test_a_private_communitys_page_is_not_found_for_anonymous_visitors(client, world):
    response = client.get(reverse("communities:detail", args=[world.private_community.slug]))

    assert response.status_code == 404


def test_a_private_communitys_post_is_told_only_to_its_members(world):
    everyone = [
        world.moderator,
        world.open_host,
        world.open_member,
        world.private_host,
        world.private_member,
        world.outsider,
    ]

    told = readers(everyone, post=world.private_topic.first_post)

    assert set(told) == {world.private_host, world.private_member}


def test_an_open_communitys_post_may_be_told_to_any_signed_in_member(world):
    everyone = [world.open_host, world.open_member, world.outsider, world.private_member]

    told = readers(everyone, post=world.open_topic.first_post)

    assert set(told) == set(everyone)
