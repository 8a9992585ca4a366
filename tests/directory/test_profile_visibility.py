"""Who opens a member's profile page (anonymous visitor, member, the member, site staff ×
hidden, members, public), and which of its fields they see (the member's choice)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from members.moderators import site_moderators_group
from tests.directory.helpers import profiled, vocabulary
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EXPECTED = {
    # viewer: (hidden, members, public)
    "anonymous": (404, 404, 200),
    "member": (404, 200, 200),
    "self": (200, 200, 200),
    "staff": (200, 200, 200),
    "plain staff": (404, 200, 200),
}


def login(client, viewer: str, profile) -> None:
    if viewer == "member":
        client.force_login(UserFactory(username="other"))
    elif viewer == "self":
        client.force_login(profile.user)
    elif viewer == "staff":
        moderator = UserFactory(username="moderator")
        moderator.groups.add(site_moderators_group())
        client.force_login(moderator)
    elif viewer == "plain staff":  # the admin's is_staff alone is not the moderators' role
        client.force_login(UserFactory(username="clerk", is_staff=True))


@pytest.mark.parametrize("viewer", list(EXPECTED))
@pytest.mark.parametrize(("column", "visibility"), [(0, "hidden"), (1, "members"), (2, "public")])
def test_who_opens_a_profile(client, viewer, column, visibility):
    profile = profiled("ana", visibility=visibility, display_name="Ana Dos Santos")
    login(client, viewer, profile)

    response = client.get(reverse("directory:profile", args=["ana"]))

    assert response.status_code == EXPECTED[viewer][column]
    if response.status_code == 200:
        assert "Ana Dos Santos" in response.content.decode()


def test_an_inactive_account_has_no_profile_for_others(client):
    profile = profiled("ana", visibility="public")
    profile.user.is_active = False
    profile.user.save()

    assert client.get(reverse("directory:profile", args=["ana"])).status_code == 404


def test_an_unknown_login_is_a_404(client):
    assert client.get(reverse("directory:profile", args=["nobody"])).status_code == 404


FIELDS = {
    "show_organisation": "Cooperativa Integral",
    "show_expertise": "Crédito rural y ahorro",
    "show_bio": "Trabajo con cooperativas de ahorro.",
    "show_languages": "Languages read",  # (the heading: the footer names every language)
    "show_themes": "Social finance",
    "show_territory": "Bolivia",
}


@pytest.fixture
def full_profile():
    terms = vocabulary()
    return profiled(
        "ana", visibility="public", territory=terms["bolivia"], themes=[terms["finance"]],
        organisation=FIELDS["show_organisation"], expertise=FIELDS["show_expertise"],
        bio=FIELDS["show_bio"], preferred_language="en", reads_languages=["es"],
    )  # fmt: skip


@pytest.mark.parametrize("viewer", ["anonymous", "member", "self", "staff"])
@pytest.mark.parametrize("field", list(FIELDS))
def test_each_field_is_shown_only_when_the_member_shows_it(client, full_profile, viewer, field):
    login(client, viewer, full_profile)
    url = reverse("directory:profile", args=["ana"])

    assert FIELDS[field] in client.get(url).content.decode()
    setattr(full_profile, field, False)
    full_profile.save()
    assert FIELDS[field] not in client.get(url).content.decode()


def test_the_member_is_told_who_sees_their_page(client, full_profile):
    client.force_login(full_profile.user)

    html = client.get(reverse("directory:profile", args=["ana"])).content.decode()

    assert "Everyone sees this page" in html
    assert reverse("directory:edit") in html
