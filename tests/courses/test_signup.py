"""Sign-up with django-allauth: a verified email, and the profile filled in on the way."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from members.models import Profile

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """allauth rate-limits confirmation emails per address in the cache."""
    from django.core.cache import cache

    cache.clear()


SIGNUP = {
    "email": "marta@example.org",
    "username": "marta",
    "password1": "un-puente-largo-42",
    "password2": "un-puente-largo-42",
    "display_name": "Marta Q.",
    "preferred_language": "fr",
    "organisation": "Coop Andina",
    "region": "Perú",
}


def test_signing_up_fills_the_profile(client):
    client.post(reverse("account_signup"), SIGNUP)

    profile = Profile.objects.get(user__username="marta")
    assert (profile.display_name, profile.preferred_language) == ("Marta Q.", "fr")
    assert (profile.organisation, profile.region) == ("Coop Andina", "Perú")


def test_the_verification_email_is_sent_in_the_chosen_language(
    client, django_capture_on_commit_callbacks
):
    from django.utils import translation

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_signup"), SIGNUP)

    with translation.override("fr"):
        expected = translation.gettext("Please Confirm Your Email Address")
    assert mail.outbox
    assert expected in mail.outbox[0].subject


def test_a_new_member_cannot_sign_in_before_verifying_the_email(client):
    client.post(reverse("account_signup"), SIGNUP)
    client.logout()

    response = client.post(
        reverse("account_login"), {"login": "marta", "password": SIGNUP["password1"]}
    )

    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 302)


def test_following_the_emailed_link_verifies_the_address(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_signup"), SIGNUP)
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", mail.outbox[0].body)

    client.post(link.group(0).split("testserver", 1)[-1])

    from allauth.account.models import EmailAddress

    assert EmailAddress.objects.get(email="marta@example.org").verified


def test_staff_with_a_verified_email_sign_in_like_everyone_and_reach_the_wagtail_admin(client):
    from allauth.account.models import EmailAddress

    from tests.factories import PASSWORD, UserFactory

    staff = UserFactory(username="staff", is_superuser=True, is_staff=True)
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)

    client.post(reverse("account_login"), {"login": "staff", "password": PASSWORD})

    assert client.get("/admin/").status_code == 200
