"""Translators review and correct the machine translations of a member's bio and expertise in
the review queue and the text editor; only those the profile page would show them (not a
hidden profile's, not a text its member chose not to show)."""

from __future__ import annotations

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from directory.profile_texts import request_profile_texts, reviewable_profiles
from directory.visibility import may_see_profile
from members.models import Profile, Visibility
from members.moderators import site_moderators_group
from tests.directory.helpers import profiled
from tests.forum.helpers import member
from tests.forum.network_review import (
    JSON,
    course_translator,
    edit_url,
    english_reading_translator,
    listed,
    queue_url,
    refused_everywhere,
    save,
    text_row,
)
from translations.texts import translate_due_texts

pytestmark = pytest.mark.django_db

BIO = "Trabajo con cooperativas de ahorro en el altiplano desde hace veinte años."
EXPERTISE = "Contabilidad de cooperativas y microcrédito rural."


def profile_with_texts(username: str, **fields) -> Profile:
    profile = profiled(username, bio=BIO, expertise=EXPERTISE, preferred_language="es", **fields)
    request_profile_texts(profile)
    return profile


@pytest.fixture
def translator(course):
    return course_translator(course)


def test_a_translator_corrects_a_members_bio_and_readers_see_it_reviewed(client, translator):
    lucia = profile_with_texts("lucia")
    translate_due_texts()
    row = text_row(lucia, "bio")
    client.force_login(translator)

    queue = client.get(queue_url()).content.decode()
    form = client.get(edit_url(row)).content.decode()
    saved = save(client, row, "I have worked with savings cooperatives for twenty years.")
    save(client, text_row(lucia, "expertise"), "Cooperative accounting and rural microcredit.")

    assert listed(queue, row)
    assert "About me" in queue
    assert "Lucia" in queue  # whose profile
    assert f'href="{reverse("directory:profile", args=["lucia"])}"' in queue
    assert BIO in form
    assert saved.status_code == 302
    client.force_login(member("en"))
    page = client.get(reverse("directory:profile", args=["lucia"])).content.decode()
    assert "I have worked with savings cooperatives for twenty years." in page
    assert "reviewed by a translator" in page


def test_a_hidden_profiles_texts_are_neither_listed_nor_editable(client, translator):
    hidden = profile_with_texts("lucia", visibility=Visibility.HIDDEN)
    translate_due_texts()
    rows = [text_row(hidden, "bio"), text_row(hidden, "expertise")]
    client.force_login(translator)

    queue = client.get(queue_url()).content.decode()

    assert not any(listed(queue, row) for row in rows)
    for row in rows:
        assert refused_everywhere(client, row, 404) == []
        row.refresh_from_db()
        assert not row.is_reviewed


def test_a_text_its_member_does_not_show_is_not_reviewed(client, translator):
    lucia = profile_with_texts("lucia", show_bio=False)
    translate_due_texts()
    bio, expertise = text_row(lucia, "bio"), text_row(lucia, "expertise")
    client.force_login(translator)

    queue = client.get(queue_url()).content.decode()

    assert listed(queue, expertise)
    assert not listed(queue, bio)
    assert refused_everywhere(client, bio, 404) == []
    assert client.get(edit_url(expertise), **JSON).status_code == 200


def test_a_member_who_translates_no_course_is_refused(client):
    lucia = profile_with_texts("lucia")
    translate_due_texts()
    row = text_row(lucia, "bio")
    client.force_login(member("en"))

    assert client.get(queue_url()).status_code == 403
    assert refused_everywhere(client, row, 403) == []


def test_the_reviewable_profiles_are_those_the_profile_page_shows(django_user_model):
    profiles = [
        profile_with_texts(f"m{number}", visibility=visibility)
        for number, visibility in enumerate(Visibility.values)
    ]
    gone = profile_with_texts("gone")
    gone.user.is_active = False
    gone.user.save()
    profiles.append(gone)
    moderator = member("en")
    moderator.groups.add(site_moderators_group())
    moderator = django_user_model.objects.get(pk=moderator.pk)
    viewers = [AnonymousUser(), member("en"), moderator, profiles[0].user]
    for viewer, profile in itertools.product(viewers, profiles):
        shown = reviewable_profiles(viewer).filter(pk=profile.pk).exists()
        assert shown == may_see_profile(viewer, profile), (viewer, profile.visibility)


def test_the_profile_page_offers_translators_an_edit_control_beside_the_bio(client, course):
    translator = english_reading_translator(course)  # Spanish texts reach them translated
    lucia = profile_with_texts("lucia")
    translate_due_texts()
    row = text_row(lucia, "bio")
    url = reverse("directory:profile", args=["lucia"])

    client.force_login(translator)
    page = client.get(url).content.decode()
    client.force_login(member("en"))
    readers_page = client.get(url).content.decode()

    assert f'data-text-edit="{row.pk}"' in page
    assert 'id="text-translation-editor"' in page
    assert "data-text-edit=" not in readers_page
