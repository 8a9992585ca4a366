"""Every email the site sends links to the configured site address (WAGTAILADMIN_BASE_URL),
never to the host of the request that sent it (`testserver` here, `localhost` in development)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from courses.models import Application
from members.profiles import get_profile
from tests.courses.test_case_study_workflow import add_url, case_study_form

pytestmark = pytest.mark.django_db

SITE = "https://puentes.example.org"
LINK = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture(autouse=True)
def configured_site(settings):
    settings.WAGTAILADMIN_BASE_URL = SITE
    from django.core.cache import cache

    cache.clear()  # allauth rate-limits emails per address in the cache


def links(message) -> list[str]:
    bodies = [message.body, *(content for content, _ in getattr(message, "alternatives", []))]
    return [link for body in bodies for link in LINK.findall(body)]


def assert_links_on_site(message) -> list[str]:
    found = links(message)
    assert found, message.body
    assert all(link.startswith(SITE + "/") for link in found), found
    assert "localhost" not in message.body
    assert "testserver" not in message.body
    assert "testserver" not in message.subject
    return found


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


def test_the_address_confirmation_email_links_to_the_site(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_signup"), SIGNUP)

    found = assert_links_on_site(mail.outbox[-1])
    assert any("/accounts/confirm-email/" in link for link in found)


def test_the_password_reset_email_links_to_the_site(client, django_capture_on_commit_callbacks):
    user = User.objects.create_user("ana", "ana@example.org", "un-puente-largo-42")
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": user.email})

    found = assert_links_on_site(mail.outbox[-1])
    assert any("/accounts/password/reset/key/" in link for link in found)


def test_a_reset_asked_for_an_unknown_address_links_to_sign_up_on_the_site(
    client, django_capture_on_commit_callbacks, settings
):
    settings.ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})

    found = assert_links_on_site(mail.outbox[-1])
    assert any("/accounts/signup/" in link for link in found)


@pytest.mark.parametrize("decision", ["accept", "decline"])
def test_the_decision_email_links_to_the_course_on_the_site(
    client, course, organizer, decision, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.utils import timezone

    course.application_deadline = timezone.localdate() + dt.timedelta(days=3)

    course.start_date = course.application_deadline  # applications close by the start
    course.save_revision().publish()
    applicant = User.objects.create_user("louis", "louis@example.org", "un-puente-largo-42")
    profile = get_profile(applicant)
    profile.preferred_language = "fr"
    profile.save()
    application = Application.objects.create(
        course=course, user=applicant, work_description="CDEC."
    )
    client.force_login(organizer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("decide_application", args=[application.pk]), {"decision": decision})

    found = assert_links_on_site(mail.outbox[-1])
    course.refresh_from_db()
    assert any(link.endswith(course.get_url_parts()[2]) for link in found), found


def test_the_case_study_review_email_links_to_the_admin_on_the_site(
    client, week, key_respondent, organizer, django_capture_on_commit_callbacks
):
    client.force_login(key_respondent)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            add_url(week),
            case_study_form(authors=[key_respondent.pk], **{"action-submit": "submit"}),
        )

    sent = [message for message in mail.outbox if organizer.email in message.to]
    assert sent
    for message in sent:
        found = assert_links_on_site(message)
        assert any("/admin/" in link for link in found)
