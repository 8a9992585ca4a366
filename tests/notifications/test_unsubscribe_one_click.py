"""One-click unsubscribe (RFC 8058): the link from the email's List-Unsubscribe header,
no login, no CSRF token; a page with one button for people; bad links refused clearly."""

from __future__ import annotations

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from notifications.emails import UNSUBSCRIBE_SALT, unsubscribe_token
from notifications.models import EmailChoice, ForumSubscription, NotificationSettings
from notifications.outbox import deliver, queue_notice_email
from notifications.preferences import settings_for

from . import delivery_helpers
from .delivery_helpers import (
    spanish_post_for_english_reader,
    unsubscribe_path,
)

# The loopback SMTP server's fixtures (tests/notifications/delivery_helpers.py).
smtp_settings = delivery_helpers.smtp_settings
smtp_server = delivery_helpers.smtp_server

pytestmark = pytest.mark.django_db


def email_choice_of(user) -> str:
    row = NotificationSettings.objects.filter(user=user).first()
    return row.email if row else EmailChoice.EACH


def test_posting_one_click_to_the_header_url_stops_the_emails(smtp_server):
    post, reader, notice = spanish_post_for_english_reader(reads=["es"])
    email = queue_notice_email(notice)
    assert email is not None
    deliver(email.pk)
    [message] = smtp_server.wait_for(1)

    client = Client(enforce_csrf_checks=True)  # a mail client: no cookie, no token
    response = client.post(
        unsubscribe_path(message),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert email_choice_of(reader) == EmailChoice.NONE


def test_the_link_opens_a_confirmation_page_that_changes_nothing(client):
    from tests.forum.helpers import member

    reader = member("en")
    url = reverse("notifications_delivery:unsubscribe", args=[unsubscribe_token(reader)])

    response = client.get(url)

    assert response.status_code == 200
    page = response.content.decode()
    assert "<form" in page
    assert 'type="submit"' in page
    assert "Stop every email from us?" in page
    assert email_choice_of(reader) == EmailChoice.EACH


def test_pressing_the_button_stops_the_emails_without_signing_in(client):
    from tests.forum.helpers import member

    reader = member("en")
    url = reverse("notifications_delivery:unsubscribe", args=[unsubscribe_token(reader)])

    response = client.post(url)

    assert response.status_code == 200
    assert "You will get no more emails from us." in response.content.decode()
    assert settings_for(reader).email == EmailChoice.NONE


def test_a_topic_link_removes_the_member_from_the_topics_subscribers(client):
    post, reader, _notice = spanish_post_for_english_reader()
    topic = post.topic
    topic.subscribers.add(reader)

    client.post(
        reverse(
            "notifications_delivery:unsubscribe",
            args=[unsubscribe_token(reader, f"topic:{topic.pk}")],
        )
    )

    assert not topic.subscribers.filter(pk=reader.pk).exists()
    assert email_choice_of(reader) == EmailChoice.EACH  # only that topic


def test_a_forum_link_opts_the_member_out_of_that_forum(client):
    post, reader, _notice = spanish_post_for_english_reader()
    forum = post.topic.forum

    client.post(
        reverse(
            "notifications_delivery:unsubscribe",
            args=[unsubscribe_token(reader, f"forum:{forum.pk}")],
        )
    )

    row = ForumSubscription.objects.get(user=reader, forum=forum)
    assert row.subscribed is False


def test_a_tampered_link_is_refused_with_a_clear_page(client):
    from tests.forum.helpers import member

    reader = member("en")
    token = unsubscribe_token(reader)
    forged = signing.dumps({"u": reader.pk + 1, "s": "all"}, salt="another salt")

    for bad in (token[:-3] + "xyz", forged):
        response = client.post(reverse("notifications_delivery:unsubscribe", args=[bad]))
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    assert email_choice_of(reader) == EmailChoice.EACH


def test_an_expired_link_is_refused(client, monkeypatch):
    from notifications import unsubscribe
    from tests.forum.helpers import member

    reader = member("en")
    token = signing.dumps({"u": reader.pk, "s": "all"}, salt=UNSUBSCRIBE_SALT)
    monkeypatch.setattr(unsubscribe, "TOKEN_MAX_AGE", -1)

    response = client.post(reverse("notifications_delivery:unsubscribe", args=[token]))

    assert response.status_code == 400
    assert email_choice_of(reader) == EmailChoice.EACH
