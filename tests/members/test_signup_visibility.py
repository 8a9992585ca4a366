"""Signing up may say who sees the new member's profile; saying nothing keeps it hidden."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from members.models import Profile, Visibility

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "marta@example.org",
    "username": "marta",
    "password1": "un-puente-largo-42",
    "password2": "un-puente-largo-42",
    "display_name": "Marta Q.",
    "preferred_language": "es",
    "organisation": "Coop Andina",
    "region": "Perú",
}


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """allauth rate-limits sign-ups and confirmation emails in the cache."""
    from django.core.cache import cache

    cache.clear()


def test_a_sign_up_without_the_choice_keeps_the_profile_hidden(client):
    response = client.post(reverse("account_signup"), SIGNUP)

    assert response.status_code == 302
    assert Profile.objects.get(user__username="marta").visibility == Visibility.HIDDEN


@pytest.mark.parametrize("visibility", [Visibility.MEMBERS, Visibility.PUBLIC, Visibility.HIDDEN])
def test_the_visibility_chosen_at_sign_up_is_saved_on_the_profile(client, visibility):
    response = client.post(reverse("account_signup"), {**SIGNUP, "visibility": visibility})

    assert response.status_code == 302
    assert Profile.objects.get(user__username="marta").visibility == visibility


def test_an_unknown_visibility_is_refused_and_makes_no_account(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "visibility": "everyone"})

    assert response.status_code == 200
    assert not Profile.objects.filter(user__username="marta").exists()


@pytest.mark.parametrize(
    ("language", "label", "hidden"),
    [
        ("es", "Quién ve su perfil en el directorio de miembros", "Nadie (solo yo"),
        ("fr", "Qui voit votre profil dans l'annuaire des membres", "Personne (seulement moi"),
    ],
)
def test_the_sign_up_form_explains_the_choice_in_the_visitors_language(
    client, compiled_catalogs, language, label, hidden
):
    page = client.get(reverse("account_signup"), HTTP_ACCEPT_LANGUAGE=language)

    html = page.content.decode()
    assert label in html.replace("&#x27;", "'")
    assert hidden in html
    assert re.search(r'name="visibility" value="hidden"[^>]* checked', html)  # the default
