"""Notice emails through a real SMTP server on loopback: headers, both parts, languages,
absolute links, the wait for the translation, idempotence and retries."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from notifications.models import Email, EmailChoice, NotificationSettings
from notifications.outbox import MAX_ATTEMPTS, deliver, queue_notice_email, send_due_emails

from . import delivery_helpers
from .delivery_helpers import (
    SITE,
    finish_translation,
    parts,
    spanish_post_for_english_reader,
    start_server,
)

# The loopback SMTP server's fixtures (tests/notifications/delivery_helpers.py).
smtp_settings = delivery_helpers.smtp_settings
smtp_server = delivery_helpers.smtp_server

pytestmark = pytest.mark.django_db


def queued(notice) -> Email:
    email = queue_notice_email(notice)
    assert email is not None
    return email


def translated_english(post) -> None:
    finish_translation(
        post,
        "en",
        subject="Meeting",
        content="The meeting is on **Tuesday**.",
        html="<p>The meeting is on <strong>Tuesday</strong>.</p>",
    )


def test_notice_email_quotes_the_translation_with_its_label_and_absolute_links(smtp_server):
    post, reader, notice = spanish_post_for_english_reader()
    translated_english(post)
    email = queued(notice)

    deliver(email.pk)

    [message] = smtp_server.wait_for(1)
    assert message["To"] == reader.email
    assert (
        " ".join(message["Subject"].split()) == "[Puentes] Ana Pérez replied to your post: Meeting"
    )
    text, html = parts(message)
    for part in (text, html):
        assert "Machine-translated from Spanish" in part
        assert "Tuesday" in part
        assert "La reunión" not in part
        assert f"{SITE}/forum/" in part
        assert f"?post={post.pk}#{post.pk}" in part
        assert "localhost" not in part
        assert "127.0.0.1" not in part
    assert "<strong>Tuesday</strong>" in html
    assert f"{SITE}/notifications/preferences/" in text
    assert f'href="{SITE}/notifications/preferences/"' in html
    assert (
        str(message["List-Unsubscribe"]).strip().startswith(f"<{SITE}/notifications/unsubscribe/")
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    email.refresh_from_db()
    assert email.status == Email.Status.SENT
    assert email.subject == " ".join(message["Subject"].split())


def test_email_is_written_in_the_recipients_interface_language(smtp_server, compiled_catalogs):
    post, reader, notice = spanish_post_for_english_reader(language="fr")
    finish_translation(
        post,
        "fr",
        subject="Réunion",
        content="La réunion est mardi.",
        html="<p>La réunion est mardi.</p>",
    )

    deliver(queued(notice).pk)

    [message] = smtp_server.wait_for(1)
    text, html = parts(message)
    assert "La réunion est mardi." in text
    assert "espagnol" in text  # the label, as the French site words it
    assert "Arrêter ces e-mails" in text
    assert 'lang="fr"' in html


def test_post_text_is_sanitised_in_the_html_part_and_plain_in_the_text_part(smtp_server):
    post, reader, notice = spanish_post_for_english_reader(
        content='Hola <script>alert("x")</script> [enlace](javascript:alert(1)) **fuerte**',
        reads=["es"],
    )

    deliver(queued(notice).pk)

    [message] = smtp_server.wait_for(1)
    text, html = parts(message)
    assert "<script" not in html
    assert 'href="javascript' not in html
    assert "<strong>fuerte</strong>" in html
    assert "**fuerte**" in text  # the plain part carries the text as written


def test_email_waits_for_the_pending_translation_then_goes_translated(smtp_server):
    post, reader, notice = spanish_post_for_english_reader()
    email = queued(notice)
    assert email.wait_translation_until is not None

    again = deliver(email.pk)

    assert again is not None
    assert again <= email.wait_translation_until
    assert smtp_server.messages == []
    email.refresh_from_db()
    assert email.status == Email.Status.PENDING

    translated_english(post)
    Email.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    deliver(email.pk)

    [message] = smtp_server.wait_for(1)
    text, _html = parts(message)
    assert "The meeting is on **Tuesday**." in text
    assert "Machine-translated from Spanish" in text


def test_after_the_wait_the_email_goes_with_the_original_and_a_note(smtp_server):
    post, reader, notice = spanish_post_for_english_reader()
    email = queued(notice)
    Email.objects.filter(pk=email.pk).update(
        wait_translation_until=timezone.now() - timedelta(seconds=1)
    )

    deliver(email.pk)

    [message] = smtp_server.wait_for(1)
    text, html = parts(message)
    note = "The translation was not ready; here is the original in Spanish."
    assert note in text
    assert note in html
    assert "La reunión es el martes." in text
    assert 'lang="es"' in html


def test_an_email_delivered_twice_is_sent_once(smtp_server):
    post, reader, notice = spanish_post_for_english_reader(reads=["es"])
    email = queued(notice)
    assert queue_notice_email(notice) == email  # one row per notice, ever

    deliver(email.pk)
    deliver(email.pk)
    send_due_emails()

    assert len(smtp_server.wait_for(2, timeout=1)) == 1


class WorkerKilled(BaseException):
    """What a worker's death looks like to the code it was running: not an Exception."""


def test_a_worker_killed_after_sending_leaves_the_email_pending(smtp_server, monkeypatch):
    post, reader, notice = spanish_post_for_english_reader(reads=["es"])
    email = queued(notice)
    from django.core.mail import EmailMultiAlternatives

    real_send = EmailMultiAlternatives.send

    def send_then_die(self, *args, **kwargs):
        real_send(self, *args, **kwargs)
        raise WorkerKilled

    monkeypatch.setattr(EmailMultiAlternatives, "send", send_then_die)
    with pytest.raises(WorkerKilled):
        deliver(email.pk)

    email.refresh_from_db()
    assert email.status == Email.Status.PENDING  # the transaction rolled back
    assert email.attempts == 0
    monkeypatch.setattr(EmailMultiAlternatives, "send", real_send)
    deliver(email.pk)  # the task again: the documented window, an email may go twice
    email.refresh_from_db()
    assert email.status == Email.Status.SENT
    deliver(email.pk)
    assert len(smtp_server.wait_for(3, timeout=1)) == 2


def test_a_server_that_is_down_is_retried_with_backoff_until_it_is_up(smtp_settings):
    post, reader, notice = spanish_post_for_english_reader(reads=["es"])
    email = queued(notice)

    before = timezone.now()
    deliver(email.pk)
    email.refresh_from_db()
    assert email.status == Email.Status.PENDING
    assert email.attempts == 1
    assert email.last_error
    assert timedelta(seconds=55) < email.next_attempt_at - before < timedelta(seconds=65)

    deliver(email.pk)  # not due yet: no new attempt
    email.refresh_from_db()
    assert email.attempts == 1

    Email.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    before = timezone.now()
    deliver(email.pk)
    email.refresh_from_db()
    assert email.attempts == 2
    assert timedelta(seconds=115) < email.next_attempt_at - before < timedelta(seconds=125)

    controller, inbox = start_server(smtp_settings.EMAIL_PORT)
    try:
        Email.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
        assert send_due_emails() == 1
        assert len(inbox.wait_for(1)) == 1
    finally:
        controller.stop()
    email.refresh_from_db()
    assert email.status == Email.Status.SENT


def test_an_email_is_given_up_after_eight_failed_attempts(smtp_settings):
    post, reader, notice = spanish_post_for_english_reader(reads=["es"])
    email = queued(notice)

    for _attempt in range(MAX_ATTEMPTS):
        Email.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
        deliver(email.pk)

    email.refresh_from_db()
    assert email.status == Email.Status.FAILED
    assert email.attempts == MAX_ATTEMPTS
    assert "Connection refused" in email.last_error or "Error" in email.last_error


def test_backoff_doubles_up_to_an_hour():
    from notifications.outbox import backoff

    minutes = [backoff(n).total_seconds() / 60 for n in range(1, 10)]
    assert minutes == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_email_of_a_post_the_reader_may_no_longer_read_is_skipped(smtp_server):
    from courses.enrollment import withdraw
    from forum.course_of import course_of_forum

    post, reader, notice = spanish_post_for_english_reader(reads=["es"])
    email = queued(notice)
    withdraw(course=course_of_forum(post.topic.forum_id), user=reader)

    deliver(email.pk)

    email.refresh_from_db()
    assert email.status == Email.Status.SKIPPED
    assert smtp_server.wait_for(1, timeout=0.5) == []


def test_email_no_longer_wanted_is_skipped(smtp_server):
    post, reader, notice = spanish_post_for_english_reader(reads=["es"])
    email = queued(notice)
    NotificationSettings.objects.create(user=reader, email=EmailChoice.DAILY)

    deliver(email.pk)

    email.refresh_from_db()
    assert email.status == Email.Status.SKIPPED
    assert smtp_server.messages == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_sends_the_email_once_the_transaction_commits(smtp_server, celery_worker):
    post, reader, notice = spanish_post_for_english_reader(reads=["es"])
    with transaction.atomic():
        email = queued(notice)
        assert smtp_server.wait_for(1, timeout=0.5) == []  # nothing before the commit

    [message] = smtp_server.wait_for_recipient(reader.email)
    assert sent_within(email, seconds=10)  # the worker commits just after the server accepts


def sent_within(email: Email, *, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        email.refresh_from_db()
        if email.status == Email.Status.SENT:
            return True
        time.sleep(0.05)
    return False


def test_the_minute_sweep_sends_an_email_whose_task_was_lost(smtp_server):
    post, reader, notice = spanish_post_for_english_reader(reads=["es"])
    email = queued(notice)  # no commit here: its task never went to the broker

    assert send_due_emails() == 1

    assert len(smtp_server.wait_for(1)) == 1
    email.refresh_from_db()
    assert email.status == Email.Status.SENT
