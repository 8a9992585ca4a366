"""A profile lists the member's communities and projects, as far as the viewer may see
them: a private community only to its members and the site's moderators, never a hidden
project, each name in the viewer's language with its label, and only when the member shows
their contributions."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communities import actions as communities
from forum.models import CommunityOfPractice
from members.moderators import site_moderators_group
from members.profiles import get_profile
from projects import actions as projects
from tests.forum.helpers import member
from tests.translations.pipeline_helpers import CountingEngine
from translations.texts import translate_due_texts

pytestmark = pytest.mark.django_db

Access = CommunityOfPractice.Access
OPEN_NAME, OPEN_NAME_FR = "Monedas locales", "Monnaies locales"
PRIVATE_NAME = "Finanzas solidarias"
PROPOSED_NAME = "Cajas de ahorro"
PROJECT, PROJECT_FR = "Panadería comunitaria", "Boulangerie communautaire"
HIDDEN_PROJECT = "Proyecto retirado"


@pytest.fixture(autouse=True)
def catalogs(compiled_catalogs):
    """Profiles are read in each viewer's language: the es and fr catalogs compiled."""


def site_moderator() -> User:
    user = member("en")
    user.groups.add(site_moderators_group())
    return User.objects.get(pk=user.pk)


def community(proposer: User, name: str, access: str, *, by: User | None = None):
    proposed = communities.propose_community(
        proposer=proposer, name=name, purpose=f"{name}: un espacio de trabajo.", access=access
    )
    if by is None:
        return proposed
    return communities.decide_proposal(community=proposed, moderator=by, approve=True)


@pytest.fixture
def moderator() -> User:
    return site_moderator()


@pytest.fixture
def ana(moderator) -> User:
    """Ana (Spanish) is in an open community, hosts a private one, proposed a third, and
    owns a visible project and one a moderator hid."""
    ana = member("es")
    profile = get_profile(ana)
    profile.visibility = "public"
    profile.save()
    host = member("es")
    open_one = community(host, OPEN_NAME, Access.OPEN, by=moderator)
    communities.join_community(community=open_one, user=ana)
    community(ana, PRIVATE_NAME, Access.PRIVATE, by=moderator)
    community(ana, PROPOSED_NAME, Access.OPEN)
    projects.propose(owner=ana, title=PROJECT, description="Una panadería para el barrio.")
    hidden = projects.propose(owner=ana, title=HIDDEN_PROJECT, description="Retirado.")
    projects.hide(hidden, by=moderator, reason="Spam")
    translate_due_texts(engine=CountingEngine())
    return ana


def profile_of(client, user: User, viewer: User | None = None) -> str:
    if viewer is not None:
        client.force_login(viewer)
    response = client.get(reverse("directory:profile", args=[user.get_username()]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_member_sees_the_open_community_and_the_visible_project_only(client, ana):
    page = profile_of(client, ana, member("en"))

    assert OPEN_NAME in page
    assert PROJECT in page
    assert PRIVATE_NAME not in page
    assert PROPOSED_NAME not in page
    assert HIDDEN_PROJECT not in page


def test_a_visitor_of_a_public_profile_sees_no_private_community(client, ana):
    page = profile_of(client, ana)

    assert OPEN_NAME in page
    assert PROJECT in page
    assert PRIVATE_NAME not in page
    assert HIDDEN_PROJECT not in page


def test_a_member_of_the_private_community_sees_it_on_the_profile(client, ana):
    private = CommunityOfPractice.objects.get(name=PRIVATE_NAME)
    colleague = member("es")
    invitation = communities.invite(community=private, host=ana, invited=colleague)
    communities.answer_invitation(invitation=invitation, user=colleague, accept=True)

    page = profile_of(client, ana, colleague)

    assert PRIVATE_NAME in page
    assert reverse("communities:detail", args=[private.slug]) in page


def test_a_site_moderator_sees_the_private_community_but_not_the_hidden_project(
    client, ana, moderator
):
    page = profile_of(client, ana, moderator)

    assert PRIVATE_NAME in page
    assert PROPOSED_NAME not in page
    assert HIDDEN_PROJECT not in page


def test_the_owner_does_not_see_their_hidden_project_listed_on_their_profile(client, ana):
    page = profile_of(client, ana, ana)

    assert PROJECT in page
    assert PRIVATE_NAME in page
    assert HIDDEN_PROJECT not in page


def test_names_are_shown_in_the_viewers_language_with_their_label(client, ana):
    page = profile_of(client, ana, member("fr"))

    assert OPEN_NAME_FR in page
    assert PROJECT_FR in page
    assert "Traduction automatique (original en espagnol)" in page


def test_a_member_who_hides_their_contributions_lists_no_community_nor_project(client, ana):
    profile = get_profile(ana)
    profile.show_contributions = False
    profile.save()

    page = profile_of(client, ana, member("en"))

    assert OPEN_NAME not in page
    assert PROJECT not in page
    assert "data-member-communities" not in page


def test_the_profile_takes_the_same_queries_for_one_community_or_many(client, moderator):
    ana, viewer = member("es"), member("en")
    profile = get_profile(ana)
    profile.visibility = "members"
    profile.save()
    client.force_login(viewer)
    url = reverse("directory:profile", args=[ana.get_username()])

    def queries_with(count: int) -> int:
        for number in range(count):
            shared = community(member("es"), f"Red {count}-{number}", Access.OPEN, by=moderator)
            communities.join_community(community=shared, user=ana)
            communities.join_community(community=shared, user=viewer)
            projects.propose(owner=ana, title=f"Proyecto {count}-{number}", description="Uno.")
        translate_due_texts(engine=CountingEngine())
        client.get(url)  # warm caches (sessions, site, catalogs)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url).content.decode()
        assert f"Red {count}-{count - 1}" in page
        return len(queries)

    assert queries_with(1) == queries_with(4)
