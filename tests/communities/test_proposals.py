"""Members propose communities; the site's moderators approve or decline them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from forum.models import CommunityOfPractice
from taxonomy.models import Region, Theme
from tests.factories import UserFactory
from translations.models import TextSource

pytestmark = pytest.mark.django_db

Status = CommunityOfPractice.Status


@pytest.fixture
def proposer():
    return UserFactory(username="ana")


def propose(client, **changes):
    theme = Theme.objects.create(name="Training", slug="training")
    region = Region.objects.create(name="Bolivia", slug="bolivia")
    data = {
        "name": "Cooperativas de quinua",
        "purpose": "Aprender juntas a exportar quinua en cooperativa.",
        "access": "open",
        "themes": [theme.pk],
        "region": region.pk,
        **changes,
    }
    return client.post(reverse("communities:propose"), data)


def test_a_member_proposes_a_community_that_waits_for_the_moderators(client, proposer):
    client.force_login(proposer)

    response = propose(client)

    community = CommunityOfPractice.objects.get(name="Cooperativas de quinua")
    assert response.status_code == 302
    assert community.status == Status.PROPOSED
    assert community.course is None
    assert community.forum is None
    assert list(community.hosts.all()) == [proposer]
    assert [t.slug for t in community.themes.all()] == ["training"]
    assert community.region.slug == "bolivia"


def test_a_proposal_asks_for_the_translation_of_its_name_and_purpose(client, proposer):
    client.force_login(proposer)
    propose(client)

    community = CommunityOfPractice.objects.get(name="Cooperativas de quinua")
    fields = set(TextSource.objects.filter(object_id=community.pk).values_list("field", flat=True))
    assert fields == {"name", "description"}


def test_anonymous_visitors_cannot_propose(client):
    response = client.get(reverse("communities:propose"))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


def test_a_proposed_community_is_listed_only_in_the_moderators_queue(client, proposer, moderator):
    client.force_login(proposer)
    propose(client)

    client.force_login(UserFactory(username="other"))
    assert "Cooperativas de quinua" not in client.get(reverse("communities:index")).content.decode()
    assert client.get(reverse("communities:proposals")).status_code == 403

    client.force_login(moderator)
    assert "Cooperativas de quinua" in client.get(reverse("communities:proposals")).content.decode()


def test_a_moderator_approves_a_proposal_which_gets_its_forum(client, proposer, moderator):
    client.force_login(proposer)
    propose(client)
    community = CommunityOfPractice.objects.get(name="Cooperativas de quinua")

    client.force_login(moderator)
    client.post(
        reverse("communities:decide_proposal", args=[community.pk]), {"decision": "approve"}
    )

    community.refresh_from_db()
    assert community.status == Status.APPROVED
    assert community.forum is not None
    assert community.forum.parent.name == "Communities of practice"
    client.force_login(UserFactory(username="visitor"))
    assert "Cooperativas de quinua" in client.get(reverse("communities:index")).content.decode()


def test_a_moderator_declines_a_proposal_which_gets_no_forum(client, proposer, moderator):
    client.force_login(proposer)
    propose(client)
    community = CommunityOfPractice.objects.get(name="Cooperativas de quinua")

    client.force_login(moderator)
    client.post(
        reverse("communities:decide_proposal", args=[community.pk]), {"decision": "decline"}
    )

    community.refresh_from_db()
    assert community.status == Status.DECLINED
    assert community.forum is None
    client.logout()
    assert client.get(reverse("communities:detail", args=[community.slug])).status_code == 404


def test_a_member_who_is_not_a_moderator_cannot_approve(client, proposer):
    client.force_login(proposer)
    propose(client)
    community = CommunityOfPractice.objects.get(name="Cooperativas de quinua")

    response = client.post(
        reverse("communities:decide_proposal", args=[community.pk]), {"decision": "approve"}
    )

    community.refresh_from_db()
    assert response.status_code == 403
    assert community.status == Status.PROPOSED


def test_the_index_filters_by_theme_and_territory(client, proposer, moderator):
    from communities import actions

    training = Theme.objects.create(name="Training", slug="training")
    bolivia = Region.objects.create(name="Bolivia", slug="bolivia")
    for name, themes, region in [("Quinua", [training], bolivia), ("Monnaies", [], None)]:
        community = actions.propose_community(
            proposer=proposer, name=name, purpose="…", access="open", themes=themes, region=region
        )
        actions.decide_proposal(community=community, moderator=moderator, approve=True)

    by_theme = client.get(reverse("communities:index"), {"theme": training.pk}).content.decode()
    by_region = client.get(reverse("communities:index"), {"region": bolivia.pk}).content.decode()
    everything = client.get(reverse("communities:index")).content.decode()

    assert "Quinua" in by_theme
    assert "Monnaies" not in by_theme
    assert "Quinua" in by_region
    assert "Monnaies" not in by_region
    assert "Quinua" in everything
    assert "Monnaies" in everything
