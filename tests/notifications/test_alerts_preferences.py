"""Members choose their alerts on the preferences page (linked from their profile): themes,
regions, and whether alerts come by email or in their digest."""

from __future__ import annotations

import pytest
from django.urls import reverse

from notifications.models import AlertChoice, EmailChoice, Event, NotificationSettings
from notifications.preferences import email_choice
from tests.forum.helpers import member
from translations.texts import translate_due_texts

from .alert_helpers import region, theme, translated_name

pytestmark = pytest.mark.django_db

PREFERENCES = "/notifications/preferences/"


def test_the_page_saves_themes_regions_and_how_alerts_come(client):
    procurement = theme("public-procurement", "Public procurement")
    quebec = region("quebec", "Quebec")
    user = member("en")
    client.force_login(user)

    page = client.get(PREFERENCES).content.decode()
    assert 'name="alert_themes"' in page
    assert 'name="alert_regions"' in page
    assert "Public procurement" in page
    assert "Quebec" in page

    response = client.post(
        PREFERENCES,
        {"email": EmailChoice.DAILY, "time_zone": "America/Bogota", "digest_hour": "8",
         "alert_themes": [procurement.pk], "alert_regions": [quebec.pk],
         "alerts": AlertChoice.EMAIL},
    )  # fmt: skip

    assert response.status_code == 302
    saved = NotificationSettings.objects.get(user=user)
    assert list(saved.alert_themes.all()) == [procurement]
    assert list(saved.alert_regions.all()) == [quebec]
    assert email_choice(user, Event.ALERT) == EmailChoice.EACH
    assert email_choice(user, Event.REPLY) == EmailChoice.DAILY


def test_alerts_go_to_the_digest_unless_chosen_otherwise(client):
    user = member("en")
    client.force_login(user)

    client.post(PREFERENCES, {"email": EmailChoice.WEEKLY, "time_zone": "UTC", "digest_hour": "7"})

    saved = NotificationSettings.objects.get(user=user)
    assert saved.alerts == AlertChoice.DIGEST
    assert email_choice(user, Event.ALERT) == EmailChoice.WEEKLY


def test_the_themes_are_offered_in_the_members_language(client):
    procurement = theme("public-procurement", "Public procurement")
    translate_due_texts()
    user = member("es")
    client.force_login(user)

    page = client.get(PREFERENCES).content.decode()

    assert translated_name(procurement, "es") in page


def test_the_members_profile_links_to_the_alerts(client):
    user = member("en")
    client.force_login(user)

    html = client.get(reverse("forum_member:profile", args=[user.pk])).content.decode()

    assert f"{reverse('notifications:preferences')}#alerts" in html
