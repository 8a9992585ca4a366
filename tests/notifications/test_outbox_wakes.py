"""An email waiting for the translation it quotes goes when the translation is written,
not at its next look (translations.signals → notifications.outbox.wake)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications import outbox
from notifications.models import Email
from notifications.outbox import queue_notice_email
from tests.translations.pipeline_helpers import CountingEngine
from translations import pipeline

from .delivery_helpers import spanish_post_for_english_reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(monkeypatch) -> list[int]:
    """The emails handed to the worker."""
    handed: list[int] = []
    monkeypatch.setattr(
        outbox.send_email, "apply_async", lambda args, **kwargs: handed.append(args[0])
    )
    return handed


def waiting(notice) -> Email:
    email = queue_notice_email(notice)
    assert email is not None
    later = timezone.now() + timedelta(minutes=5)
    Email.objects.filter(pk=email.pk).update(next_attempt_at=later)
    return email


def test_the_translation_written_sends_the_email_that_waited_for_it(
    sent, django_capture_on_commit_callbacks
):
    post, _reader, notice = spanish_post_for_english_reader()
    email = waiting(notice)
    sent.clear()

    with django_capture_on_commit_callbacks(execute=True):
        pipeline.translate_pending(post.pk, engine=CountingEngine())

    assert sent == [email.pk]
    email.refresh_from_db()
    assert email.next_attempt_at <= timezone.now()


def test_an_email_not_waiting_any_more_is_left_alone(sent, django_capture_on_commit_callbacks):
    post, _reader, notice = spanish_post_for_english_reader()
    email = waiting(notice)
    Email.objects.filter(pk=email.pk).update(status=Email.Status.SENT)
    sent.clear()

    with django_capture_on_commit_callbacks(execute=True):
        pipeline.translate_pending(post.pk, engine=CountingEngine())

    assert sent == []
