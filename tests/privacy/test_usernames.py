"""A new member cannot take a username that passes for someone else's: lookalike letters of
another alphabet, fullwidth forms, l for I, rn for m."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STRONG_PASSWORD = "cooperativas cafetaleras de Cusco"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """allauth counts sign-ups in the cache: each test starts, and leaves, with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def sign_up(client, username: str):
    return client.post(
        reverse("account_signup"),
        {
            "email": "new-member@example.org",
            "username": username,
            "password1": STRONG_PASSWORD,
            "password2": STRONG_PASSWORD,
            "display_name": "New member",
            "preferred_language": "es",
            "organisation": "Coop Andina",
            "region": "Perú",
        },
    )


def refused(response) -> bool:
    return response.status_code == 200 and bool(response.context["form"].errors.get("username"))


def members_named(username: str) -> bool:
    return get_user_model().objects.filter(username=username).exists()


def test_the_organizer_with_a_cyrillic_e_is_refused(client):
    UserFactory(username="organizer")

    response = sign_up(client, "organiz\u0435r")  # CYRILLIC SMALL LETTER IE

    assert refused(response)
    assert not members_named("organiz\u0435r")


def test_a_username_mixing_latin_and_cyrillic_is_refused_even_if_no_one_looks_like_it(client):
    response = sign_up(client, "m\u0430rta")  # CYRILLIC SMALL LETTER A

    assert refused(response)
    assert response.context["form"].errors["username"] == [
        "Please write your username in one alphabet (not Latin and Cyrillic mixed)."
    ]


def test_an_all_cyrillic_username_that_reads_as_a_taken_latin_one_is_refused(client):
    UserFactory(username="papa")

    response = sign_up(client, "\u0440\u0430\u0440\u0430")  # рара, all Cyrillic

    assert refused(response)
    assert response.context["form"].errors["username"] == [
        "This username looks too much like one already taken: please choose another."
    ]


@pytest.mark.parametrize(
    ("taken", "lookalike"),
    [("paul", "pauI"), ("paul", "pau1"), ("modem", "rnodern"), ("Organizer", "organizer")],
)
def test_a_username_that_swaps_lookalike_letters_of_a_taken_one_is_refused(
    client, taken, lookalike
):
    UserFactory(username=taken)

    assert refused(sign_up(client, lookalike))


def test_a_fullwidth_username_is_normalised_and_compared_as_plain_letters(client):
    UserFactory(username="marta")

    assert refused(sign_up(client, "\uff4d\uff41\uff52\uff54\uff41"))  # ｍａｒｔａ


def test_a_fullwidth_username_is_kept_as_plain_letters(client):
    sign_up(client, "\uff4a\uff55\uff41\uff4e")  # ｊｕａｎ

    assert members_named("juan")


@pytest.mark.parametrize("username", ["José", "Мария", "maria-2"])
def test_a_username_in_one_script_that_resembles_no_one_is_accepted(client, username):
    UserFactory(username="marta")

    sign_up(client, username)

    assert members_named(username)
