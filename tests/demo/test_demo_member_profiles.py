"""The demo gives its people directory profiles: public ones in several regions, found by
the directory's filters, made once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cms.demo.members import PROFILES, load_member_profiles
from cms.demo.vocabulary import load_vocabulary
from members.profiles import get_profile
from tests.factories import UserFactory
from translations.models import TextSource

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    load_vocabulary()
    return {username: UserFactory(username=username) for username in PROFILES}


def test_demo_people_get_public_profiles_in_several_regions(client, people):
    created = load_member_profiles(people)

    assert len(created) == len(PROFILES)
    listed = client.get(reverse("directory:index")).context["profiles_shown"]
    regions = {profile.territory.slug for profile in listed}
    assert {"bolivia", "quebec", "ecuador", "mexico", "canada-outside-quebec"} <= regions
    assert all(profile.visibility == "public" for profile in listed)
    bolivia = client.get(reverse("directory:index"), {"territory": "bolivia"}).context[
        "profiles_shown"
    ]
    assert [profile.user.username for profile in bolivia] == ["participant-es"]
    assert TextSource.objects.filter(field="bio").count() == len(PROFILES)


def test_loading_the_demo_profiles_again_changes_nothing(people):
    load_member_profiles(people)
    profile = get_profile(people["participant-fr"])
    profile.bio = "Ma propre présentation."
    profile.save()

    assert load_member_profiles(people) == []
    profile.refresh_from_db()
    assert profile.bio == "Ma propre présentation."
