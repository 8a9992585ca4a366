"""The demo's communities of practice outside the course (`communities`): two open ones and
a private one, in Spanish, French and English, with their hosts and members among the demo
people, a topic or two in each, and one topic shared from one community to another (a
bridge). The course's organizer is the site's moderator of communities and approves them.

Idempotent: a community is matched by its name, a topic by its forum and subject.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from machina.core.db.models import get_model

from communities import actions
from communities.models import SharedTopic
from forum.models import CommunityOfPractice
from members.moderators import site_moderators_group
from members.profiles import get_profile
from taxonomy.models import Region, Theme

Topic: Any = get_model("forum_conversation", "Topic")
Post: Any = get_model("forum_conversation", "Post")


@dataclass(frozen=True)
class DemoCommunity:
    name: str
    purpose: str
    access: str
    themes: tuple[str, ...]
    region: str
    host: str
    members: tuple[str, ...]
    # (author, subject, text)
    topics: tuple[tuple[str, str, str], ...]


COMMUNITIES = [
    DemoCommunity(
        name="Monnaies locales et circuits courts",
        purpose="Pour celles et ceux qui font vivre une monnaie locale ou un circuit court : "
        "outils, règlements municipaux, retours d'expérience.",
        access=CommunityOfPractice.Access.OPEN,
        themes=("access-to-capital", "co-construction"),
        region="quebec",
        host="participant-fr",
        members=("respondent-fr", "participant-en"),
        topics=(
            (
                "participant-fr",
                "Une monnaie locale peut-elle payer les producteurs ?",
                "Chez nous, les maraîchers acceptent la monnaie locale mais peinent à la "
                "dépenser. Comment faites-vous ?",
            ),
        ),
    ),
    DemoCommunity(
        name="Compras públicas para la economía social",
        purpose="Un espacio abierto para compartir pliegos, experiencias y reformas que "
        "abren las compras públicas a cooperativas y asociaciones.",
        access=CommunityOfPractice.Access.OPEN,
        themes=("public-procurement", "legislation"),
        region="bolivia",
        host="participant-es",
        members=("respondent-es", "participant-fr"),
        topics=(
            (
                "participant-es",
                "Pliegos simplificados: ¿qué funcionó?",
                "En Cochabamba probamos un pliego simplificado para asociaciones de "
                "productoras. Les comparto lo que aprendimos.",
            ),
            (
                "respondent-es",
                "Cuotas reservadas en la ley",
                "Algunos países reservan una parte de las compras a la economía social. "
                "¿Conocen resultados medidos?",
            ),
        ),
    ),
    DemoCommunity(
        name="Indigenous-led co-op finance",
        purpose="A private circle for practitioners financing Indigenous-led co-operatives: "
        "we share deal terms and lessons we cannot publish.",
        access=CommunityOfPractice.Access.PRIVATE,
        themes=("access-to-capital",),
        region="canada-outside-quebec",
        host="respondent-en",
        members=("participant-en", "respondent-es"),
        topics=(
            (
                "respondent-en",
                "Patient capital terms that worked",
                "Here are the repayment terms our community fund agreed with two "
                "First Nations co-ops, and what we would change.",
            ),
        ),
    ),
]

#: (subject of the shared topic, name of the community it is shared with)
BRIDGE = ("Pliegos simplificados: ¿qué funcionó?", "Monnaies locales et circuits courts")


@transaction.atomic
def load_communities(people: dict[str, User]) -> list[str]:
    """Creates what is missing; a line per thing created."""
    created: list[str] = []
    moderator = people["organizer"]
    moderator.groups.add(site_moderators_group())
    for spec in COMMUNITIES:
        community = _community(spec, people, moderator, created)
        for author, subject, text in spec.topics:
            _topic(community, people[author], subject, text, created)
    _bridge(created)
    return created


def _community(
    spec: DemoCommunity, people: dict[str, User], moderator: User, created: list[str]
) -> CommunityOfPractice:
    community = CommunityOfPractice.objects.filter(course=None, name=spec.name).first()
    if community is not None:
        return community
    community = actions.propose_community(
        proposer=people[spec.host],
        name=spec.name,
        purpose=spec.purpose,
        access=spec.access,
        themes=Theme.objects.filter(slug__in=spec.themes),
        region=Region.objects.filter(slug=spec.region).first(),
    )
    actions.decide_proposal(community=community, moderator=moderator, approve=True)
    for username in spec.members:
        if spec.access == CommunityOfPractice.Access.OPEN:
            actions.join_community(community=community, user=people[username])
        else:
            invitation = actions.invite(
                community=community, host=people[spec.host], invited=people[username]
            )
            actions.answer_invitation(invitation=invitation, user=people[username], accept=True)
    created.append(f"the {spec.access} community {spec.name}")
    return community


def _topic(
    community: CommunityOfPractice, author: User, subject: str, text: str, created: list[str]
) -> None:
    if Topic.objects.filter(forum=community.forum, subject=subject).exists():
        return
    topic = Topic.objects.create(
        forum=community.forum,
        poster=author,
        subject=subject,
        type=Topic.TOPIC_POST,
        status=Topic.TOPIC_UNLOCKED,
        approved=True,
    )
    post = Post(topic=topic, poster=author, subject=subject, content=text, approved=True)
    # As the post form does: the author's language, so that translations are requested
    # from it (forum.translation).
    post.puentes_chosen_language = get_profile(author).preferred_language
    post.save()
    created.append(f"a topic in {community.name}")


def _bridge(created: list[str]) -> None:
    subject, target_name = BRIDGE
    topic = Topic.objects.filter(subject=subject).first()
    source = (
        CommunityOfPractice.objects.filter(course=None, forum=topic.forum).first()
        if topic
        else None
    )
    target = CommunityOfPractice.objects.filter(course=None, name=target_name).first()
    host = source.hosts.first() if source is not None else None
    if topic is None or source is None or target is None or host is None:
        return
    if SharedTopic.objects.filter(topic=topic, to_community=target).exists():
        return
    actions.share_topic(topic=topic, from_community=source, to_community=target, by=host)
    created.append(f"a topic shared from {source.name} with {target.name}")
