"""The interface language: a visitor's choice in a cookie, a member's in their profile."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from members.language import CHOSEN_LANGUAGE_SESSION_KEY
from members.profiles import get_profile
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def choose(client, language: str, next_url: str = "/"):
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


def html_lang(response) -> str:
    return response.content.decode().split('<html lang="', 1)[1].split('"', 1)[0]


def member(language: str):
    user = UserFactory()
    profile = get_profile(user)
    profile.preferred_language = language
    profile.save()
    return user


def test_a_visitors_choice_is_kept_in_the_language_cookie(client, home_page):
    response = choose(client, "fr")

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    assert html_lang(client.get("/")) == "fr"


def test_a_members_choice_is_saved_in_their_profile(client, home_page):
    user = member("en")
    client.force_login(user)

    choose(client, "es")

    user.puentes_profile.refresh_from_db()
    assert user.puentes_profile.preferred_language == "es"


def test_a_signed_in_member_sees_their_profiles_language_whatever_the_browsers_cookie(
    client, home_page
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(member("fr"))

    response = client.get("/")

    assert html_lang(response) == "fr"
    assert response["Content-Language"] == "fr"


def test_a_language_chosen_just_before_signing_in_is_carried_into_the_profile(client, home_page):
    from allauth.account.models import EmailAddress

    user = member("fr")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    choose(client, "es")

    client.post(reverse("account_login"), {"login": user.username, "password": PASSWORD})
    response = client.get("/")

    assert html_lang(response) == "es"
    user.puentes_profile.refresh_from_db()
    assert user.puentes_profile.preferred_language == "es"
    assert CHOSEN_LANGUAGE_SESSION_KEY not in client.session


def test_a_get_to_the_switcher_changes_nothing(client, home_page):
    user = member("fr")
    client.force_login(user)

    response = client.get(reverse("set_language"), {"language": "es", "next": "/"})

    assert response.status_code == 302
    user.puentes_profile.refresh_from_db()
    assert user.puentes_profile.preferred_language == "fr"


def test_an_unknown_language_is_ignored(client, home_page):
    user = member("fr")
    client.force_login(user)

    choose(client, "de")

    user.puentes_profile.refresh_from_db()
    assert user.puentes_profile.preferred_language == "fr"


def test_a_page_keeps_its_url_in_every_language(client, course):
    url = course.url

    for language in ("es", "fr", "en"):
        choose(client, language, next_url=url)
        response = client.get(url)
        assert response.status_code == 200
        assert html_lang(response) == language


def test_the_switcher_returns_to_the_page_it_was_used_on(client, course):
    response = choose(client, "es", next_url=course.url)

    assert response.status_code == 302
    assert response["Location"] == course.url
