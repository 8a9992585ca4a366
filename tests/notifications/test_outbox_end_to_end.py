"""The whole way, with real parts: a Spanish reply in a topic an English member follows,
translated by the worker (Apertium), emailed in English with its label once translated."""

from __future__ import annotations

import time

import pytest
from machina.test.factories import PostFactory, create_topic

from notifications.models import Email, Notice
from tests.forum.helpers import course_forum, grant, member

from . import delivery_helpers
from .delivery_helpers import (
    SITE,
    parts,
    unsubscribe_path,
)

# The loopback SMTP server's fixtures (tests/notifications/delivery_helpers.py).
smtp_settings = delivery_helpers.smtp_settings
smtp_server = delivery_helpers.smtp_server


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_spanish_reply_reaches_the_english_follower_translated(
    smtp_server, celery_worker, client
):
    forum = course_forum()
    asker, replier = member("es"), member("es")
    reader = member("en")
    reader.email = "reader@example.org"
    reader.save()
    for person in (asker, replier, reader):
        grant(person, forum)
    topic = create_topic(forum=forum, poster=asker, subject="Agua potable")
    PostFactory(
        topic=topic, poster=asker, subject="Agua potable", content="¿Cómo organizan el agua?"
    )
    topic.subscribers.add(reader)

    reply = PostFactory(
        topic=topic,
        poster=replier,
        subject="Re: Agua potable",
        content="Nosotros tenemos un comité de agua en cada barrio.",
    )

    mine = smtp_server.wait_for_recipient(reader.email, timeout=120)
    assert len(mine) == 1
    text, html = parts(mine[0])
    assert "Machine-translated from Spanish" in text
    assert "Nosotros tenemos" not in text  # the reader's language, not the original
    assert f"{SITE}/forum/" in text
    assert f"#{reply.pk}" in text
    notice = Notice.objects.get(recipient=reader, post=reply)
    email = Email.objects.get(notice=notice)
    deadline = time.monotonic() + 10  # the worker commits just after the server accepts
    while email.status != Email.Status.SENT and time.monotonic() < deadline:
        time.sleep(0.05)
        email.refresh_from_db()
    assert email.status == Email.Status.SENT

    response = client.post(
        unsubscribe_path(mine[0]),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
