"""Bridges: a host shares a topic with another community, where it is listed with a link to
the original; read rights of the original apply; both list each other as bridged."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from communities import actions
from communities.models import SharedTopic

pytestmark = pytest.mark.django_db


def page(client, community) -> str:
    return client.get(reverse("communities:detail", args=[community.slug])).content.decode()


def test_a_host_shares_a_topic_which_the_other_community_lists_with_a_link(client, world):
    client.force_login(world.open_host)
    client.post(
        reverse("communities:share", args=[world.open_community.slug]),
        {"topic": world.open_topic.pk, "to_community": world.private_community.pk},
    )

    shared = SharedTopic.objects.get()
    assert shared.from_community == world.open_community
    client.force_login(world.private_member)
    target = page(client, world.private_community)
    assert "Circuits courts et monnaie" in target
    assert f"{world.open_topic.slug}-{world.open_topic.pk}" in target  # the original's link


def test_both_communities_list_each_other_as_bridged(client, world):
    actions.share_topic(
        topic=world.open_topic,
        from_community=world.open_community,
        to_community=world.private_community,
        by=world.open_host,
    )
    client.force_login(world.private_member)

    source = page(client, world.open_community)
    target = page(client, world.private_community)

    assert 'id="bridges"' in source
    assert "Finanzas solidarias" in source
    assert 'id="bridges"' in target
    assert "Monnaies locales" in target


def test_a_topic_shared_from_a_private_community_shows_no_subject_to_those_outside_it(
    client, world
):
    actions.share_topic(
        topic=world.private_topic,
        from_community=world.private_community,
        to_community=world.open_community,
        by=world.private_host,
    )

    client.force_login(world.open_member)
    outsider_view = page(client, world.open_community)
    client.force_login(world.private_member)
    member_view = page(client, world.open_community)
    client.logout()
    anonymous_view = page(client, world.open_community)

    assert "Tasas confidenciales" not in outsider_view
    assert "shared from a private community" in outsider_view
    assert "Tasas confidenciales" in member_view
    assert "Tasas confidenciales" not in anonymous_view
    assert "data-shared-topic" not in anonymous_view


def test_only_a_host_of_the_source_community_shares_its_topics(world):
    with pytest.raises(PermissionDenied):
        actions.share_topic(
            topic=world.open_topic,
            from_community=world.open_community,
            to_community=world.private_community,
            by=world.open_member,
        )


def test_a_topic_of_another_community_cannot_be_shared(world):
    with pytest.raises(ValidationError):
        actions.share_topic(
            topic=world.private_topic,
            from_community=world.open_community,
            to_community=world.private_community,
            by=world.open_host,
        )
