"""A small world of communities without a course: an open one and a private one, each with
a topic, their hosts and members, a site moderator and a member of neither."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from machina.test.factories import PostFactory, create_topic

from communities import actions
from forum.models import CommunityOfPractice
from members.moderators import SITE_MODERATORS_GROUP
from tests.factories import UserFactory

Access = CommunityOfPractice.Access


def post_in(community: CommunityOfPractice, author: User, *, subject: str, content: str) -> Any:
    topic = create_topic(forum=community.forum, poster=author, subject=subject)
    PostFactory(topic=topic, poster=author, subject=subject, content=content)
    topic.refresh_from_db()
    return topic


def approved(proposer: User, moderator: User, **fields) -> CommunityOfPractice:
    community = actions.propose_community(proposer=proposer, **fields)
    return actions.decide_proposal(community=community, moderator=moderator, approve=True)


@dataclass
class World:
    moderator: User
    open_host: User
    open_member: User
    private_host: User
    private_member: User
    outsider: User
    open_community: CommunityOfPractice
    private_community: CommunityOfPractice
    open_topic: Any
    private_topic: Any


@pytest.fixture
def moderator() -> User:
    user = UserFactory(username="moderator")
    user.groups.add(Group.objects.get_or_create(name=SITE_MODERATORS_GROUP)[0])
    return user


@pytest.fixture
def world(moderator) -> World:
    open_host, open_member = UserFactory(username="ana"), UserFactory(username="louis")
    private_host, private_member = UserFactory(username="lucia"), UserFactory(username="jenna")
    outsider = UserFactory(username="sarah")
    open_community = approved(
        open_host,
        moderator,
        name="Monnaies locales",
        purpose="Échanger sur les monnaies locales complémentaires.",
        access=Access.OPEN,
    )
    actions.join_community(community=open_community, user=open_member)
    private_community = approved(
        private_host,
        moderator,
        name="Finanzas solidarias",
        purpose="Un espacio cerrado para las cooperativas de ahorro y crédito.",
        access=Access.PRIVATE,
    )
    invitation = actions.invite(
        community=private_community, host=private_host, invited=private_member
    )
    actions.answer_invitation(invitation=invitation, user=private_member, accept=True)
    open_topic = post_in(
        open_community,
        open_host,
        subject="Circuits courts et monnaie",
        content="Notre monnaie locale soutient les producteurs maraichers.",
    )
    private_topic = post_in(
        private_community,
        private_host,
        subject="Tasas confidenciales",
        content="Nuestras tasas de ahorro confidencialmente negociadas.",
    )
    return World(
        moderator,
        open_host,
        open_member,
        private_host,
        private_member,
        outsider,
        open_community,
        private_community,
        open_topic,
        private_topic,
    )
