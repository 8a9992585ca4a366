"""Joining: open communities in one click, private ones by request (decided by a host) or
by invitation; hosts give and take the host role."""

from __future__ import annotations

import pytest
from django.urls import reverse

from communities import actions
from communities.models import Decision, JoinRequest
from forum.permission_handler import PermissionHandler
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def may_post(user, community) -> bool:
    return PermissionHandler().can_add_topic(community.forum, user)


def test_a_member_joins_an_open_community_in_one_click_and_may_then_post(client, world):
    newcomer = UserFactory(username="newcomer")
    client.force_login(newcomer)
    assert not may_post(newcomer, world.open_community)

    response = client.post(reverse("communities:join", args=[world.open_community.slug]))

    assert response.status_code == 302
    assert world.open_community.members.filter(pk=newcomer.pk).exists()
    assert may_post(newcomer, world.open_community)


def test_a_private_community_cannot_be_joined_in_one_click(client, world):
    client.force_login(world.outsider)

    response = client.post(reverse("communities:join", args=[world.private_community.slug]))

    assert response.status_code == 403
    assert not world.private_community.members.filter(pk=world.outsider.pk).exists()


def test_a_request_to_join_a_private_community_is_accepted_by_its_host(client, world):
    client.force_login(world.outsider)
    client.post(
        reverse("communities:request", args=[world.private_community.slug]),
        {"message": "Trabajo en una cooperativa de ahorro."},
    )
    join_request = JoinRequest.objects.get(member=world.outsider)
    assert not world.private_community.members.filter(pk=world.outsider.pk).exists()

    client.force_login(world.private_host)
    manage = client.get(reverse("communities:manage", args=[world.private_community.slug]))
    assert "Trabajo en una cooperativa de ahorro." in manage.content.decode()
    client.post(
        reverse("communities:decide_request", args=[world.private_community.slug, join_request.pk]),
        {"decision": "accept"},
    )

    join_request.refresh_from_db()
    assert join_request.status == Decision.ACCEPTED
    assert join_request.decided_by == world.private_host
    assert world.private_community.members.filter(pk=world.outsider.pk).exists()
    assert may_post(world.outsider, world.private_community)


def test_a_declined_request_leaves_the_member_outside(client, world):
    join_request = actions.request_to_join(community=world.private_community, user=world.outsider)

    client.force_login(world.private_host)
    client.post(
        reverse("communities:decide_request", args=[world.private_community.slug, join_request.pk]),
        {"decision": "decline"},
    )

    assert not world.private_community.members.filter(pk=world.outsider.pk).exists()


def test_a_member_who_is_not_a_host_cannot_decide_requests(client, world):
    join_request = actions.request_to_join(community=world.private_community, user=world.outsider)
    client.force_login(world.private_member)

    manage = client.get(reverse("communities:manage", args=[world.private_community.slug]))
    decide = client.post(
        reverse("communities:decide_request", args=[world.private_community.slug, join_request.pk]),
        {"decision": "accept"},
    )

    assert manage.status_code == 403
    assert decide.status_code == 403
    assert not world.private_community.members.filter(pk=world.outsider.pk).exists()


def test_an_invited_member_accepts_the_invitation_and_joins(client, world):
    client.force_login(world.private_host)
    client.post(
        reverse("communities:invite", args=[world.private_community.slug]),
        {"username": world.outsider.username},
    )

    client.force_login(world.outsider)
    page = client.get(reverse("communities:invitations")).content.decode()
    invitation = world.outsider.community_invitations.get()
    assert "Finanzas solidarias" in page
    client.post(
        reverse("communities:answer_invitation", args=[invitation.pk]), {"decision": "accept"}
    )

    assert world.private_community.members.filter(pk=world.outsider.pk).exists()


def test_an_invitation_is_answered_only_by_the_invited_member(client, world):
    invitation = actions.invite(
        community=world.private_community, host=world.private_host, invited=world.outsider
    )
    client.force_login(world.open_member)

    response = client.post(
        reverse("communities:answer_invitation", args=[invitation.pk]), {"decision": "accept"}
    )

    assert response.status_code == 404
    assert not world.private_community.members.filter(pk=world.open_member.pk).exists()


def test_a_member_who_leaves_loses_the_private_forum(client, world):
    client.force_login(world.private_member)

    client.post(reverse("communities:leave", args=[world.private_community.slug]))

    forums = PermissionHandler().get_readable_forums(
        [world.private_community.forum], world.private_member
    )
    assert list(forums) == []


def test_a_host_makes_a_member_host_who_then_moderates_the_forum(client, world):
    handler = PermissionHandler
    assert not handler().can_lock_topics(world.open_community.forum, world.open_member)
    client.force_login(world.open_host)

    client.post(
        reverse("communities:set_host", args=[world.open_community.slug, world.open_member.pk]),
        {"host": "1"},
    )

    assert world.open_community.hosts.filter(pk=world.open_member.pk).exists()
    assert handler().can_lock_topics(world.open_community.forum, world.open_member)
