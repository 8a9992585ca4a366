"""A member edits their profile: the bio and expertise are translated like posts, labelled;
the region named at sign-up becomes a territory of the vocabulary; names are display names."""

from __future__ import annotations

import pytest
from allauth.account.utils import user_display
from django.contrib.auth import get_user_model
from django.urls import reverse

from directory.territory import match_territory, region_named
from members.profiles import get_profile
from tests.directory.helpers import profiled, vocabulary
from translations.models import TextSource
from translations.texts import translate_due_texts

pytestmark = pytest.mark.django_db

BIO = "I work with housing cooperatives in Montreal and train their boards."


def form_data(terms, **changes) -> dict:
    data = {
        "display_name": "Joe Tremblay",
        "organisation": "Community Fund",
        "region": "Montréal",
        "territory": terms["quebec"].pk,
        "themes": [terms["finance"].pk],
        "expertise": "Impact investing for cooperatives",
        "bio": BIO,
        "visibility": "public",
        "show_organisation": "on",
        "show_territory": "on",
        "show_themes": "on",
        "show_bio": "on",
        "show_expertise": "on",
        "show_contributions": "on",
    }
    data.update(changes)
    return data


def test_the_edit_page_asks_to_sign_in(client):
    response = client.get(reverse("directory:edit"))

    assert response.status_code == 302
    assert "login" in response.url


def test_saving_the_profile_keeps_every_choice_and_asks_for_translations(client):
    terms = vocabulary()
    profile = profiled("joe", preferred_language="en")
    client.force_login(profile.user)

    response = client.post(reverse("directory:edit"), form_data(terms))

    assert response.status_code == 302
    assert response.url == reverse("directory:profile", args=["joe"])
    profile.refresh_from_db()
    assert profile.display_name == "Joe Tremblay"
    assert profile.territory == terms["quebec"]
    assert list(profile.themes.all()) == [terms["finance"]]
    assert profile.visibility == "public"
    assert profile.show_languages is False
    sources = TextSource.objects.filter(object_id=profile.pk, field__in=["bio", "expertise"])
    assert {source.field: source.fallback_language for source in sources} == {
        "bio": "en",
        "expertise": "en",
    }


def test_the_bio_is_read_translated_labelled_with_its_original_at_hand(client):
    terms = vocabulary()
    profile = profiled("joe", preferred_language="en")
    client.force_login(profile.user)
    client.post(reverse("directory:edit"), form_data(terms))
    translate_due_texts()
    reader = profiled("lucia", preferred_language="es")
    client.force_login(reader.user)

    html = client.get(reverse("directory:profile", args=["joe"])).content.decode()

    assert 'class="translation-label translation-label--machine"' in html
    assert "Traducción automática (original en inglés)" in html
    assert f'data-version="original" lang="en" hidden><p>{BIO}</p>' in html
    assert "Mostrar el original" in html


def test_the_edit_form_offers_a_territory_matching_the_sign_up_region():
    terms = vocabulary()

    assert region_named("quebec") == terms["quebec"]
    assert region_named("  BOLIVIA ") == terms["bolivia"]
    assert region_named("Atlantis") is None


def test_sign_up_region_becomes_the_territory_and_its_words_stay(client):
    terms = vocabulary()

    response = client.post(
        reverse("account_signup"),
        {
            "email": "lucie@example.org", "username": "lucie", "password1": "pont-riviere-42x",
            "password2": "pont-riviere-42x", "display_name": "Lucie", "preferred_language": "fr",
            "organisation": "TIESS", "region": "Quebec",
        },
    )  # fmt: skip

    assert response.status_code == 302
    profile = get_profile(get_user_model().objects.get(username="lucie"))
    assert profile.territory == terms["quebec"]
    assert profile.region == "Quebec"


def test_a_chosen_territory_is_not_replaced_by_the_region_words():
    terms = vocabulary()
    profile = profiled("ana", region="Bolivia", territory=terms["quebec"])

    assert match_territory(profile) == terms["quebec"]


def test_allauth_names_the_member_by_display_name():
    profile = profiled("login_7q", display_name="Ana Dos Santos")

    assert user_display(profile.user) == "Ana Dos Santos"


def test_the_preferences_page_links_to_the_profile_form(client):
    client.force_login(profiled("ana").user)

    html = client.get(reverse("members:translation_preferences")).content.decode()

    assert reverse("directory:edit") in html


def test_the_directory_card_gives_the_expertise_in_the_readers_language(client):
    terms = vocabulary()
    profile = profiled("joe", preferred_language="en")
    client.force_login(profile.user)
    client.post(reverse("directory:edit"), form_data(terms))
    translate_due_texts()
    reader = profiled("lucia", preferred_language="es")
    client.force_login(reader.user)

    html = client.get(reverse("directory:index")).content.decode()

    card = html.split('class="card directory-member"')[1]
    assert 'data-version="original" lang="en" hidden>Impact investing for cooperatives<' in card
    assert 'data-version="translation" lang="es"' in card
    assert "Traducción automática (original en inglés)" in card
