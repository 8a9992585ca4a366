"""The outbox: an email row written in the event's transaction, sent by Celery after commit.

Sending one email is one database transaction: the row is locked (``skip_locked``: a second
worker on the same row moves on), checked again (is it still pending and due, may the
recipient still read what it quotes, do they still want it), rendered, handed to the SMTP
server, and marked sent in that same transaction. A worker killed before the commit leaves
the row pending, and the next attempt sends it; a task delivered twice finds it sent and
does nothing. The one window left is a worker killed after the SMTP server accepted the
message and before the commit: that email may go twice. It is milliseconds wide, and the
alternative (marking sent before sending) would lose emails instead.

A server that is down: the row waits 1, 2, 4... minutes (at most an hour) and is given up
after ``MAX_ATTEMPTS``, failed with its error, for the organizers' list
(`delivery_views`). Every minute beat sends what is due, so an email whose task was lost
(a broker down at commit time) goes out anyway.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from celery import shared_task
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .emails import digest_message, digest_notices, interface_language, notice_message
from .models import Email, EmailChoice, Notice

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
#: Longest wait between two attempts on a server that is down.
MAX_BACKOFF = timedelta(hours=1)
#: How long an email waits for the translation it quotes before going with the original.
TRANSLATION_WAIT = timedelta(seconds=getattr(settings, "NOTIFICATIONS_TRANSLATION_WAIT", 600))
#: While waiting for a translation, how often to look again (the translation written wakes
#: the email at once: translations.signals; this is for one that comes another way).
TRANSLATION_POLL = timedelta(seconds=getattr(settings, "NOTIFICATIONS_TRANSLATION_POLL", 30))
#: An email still pending this long after it was written is shown to the organizers.
LONG_PENDING = timedelta(hours=1)

Status = Email.Status


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, ... minutes after the ``attempts``-th failure, at most an hour."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def queue_notice_email(notice: Notice) -> Email | None:
    """The notice's email, once (key "notice:<id>"); sent after the transaction commits.

    A notice about a post or page waits (boundedly) for the translation the recipient reads
    it in; whether one is still pending is looked at when sending, since the translation
    rows may be written later in this same transaction.
    """
    recipient = notice.recipient
    if not recipient.email:
        return None
    now = timezone.now()
    waits = notice.post_id is not None or notice.page_id is not None
    email, created = Email.objects.get_or_create(
        key=f"notice:{notice.pk}",
        defaults={
            "recipient": recipient,
            "kind": Email.Kind.NOTICE,
            "notice": notice,
            "next_attempt_at": now,
            "wait_translation_until": now + TRANSLATION_WAIT if waits else None,
        },
    )
    if created:
        send_after_commit(email)
    return email


def queue_notice_emails(notices: list[Notice]) -> list[Email]:
    """`queue_notice_email` for many notices (one post's hundreds of readers) in a fixed
    number of queries."""
    notices = [notice for notice in notices if notice.recipient.email]
    if not notices:
        return []
    by_key = {f"notice:{notice.pk}": notice for notice in notices}
    existing = list(Email.objects.filter(key__in=list(by_key)))
    known = {email.key for email in existing}
    now = timezone.now()
    new = [
        Email(
            key=key,
            recipient=notice.recipient,
            kind=Email.Kind.NOTICE,
            notice=notice,
            next_attempt_at=now,
            wait_translation_until=(
                now + TRANSLATION_WAIT
                if notice.post_id is not None or notice.page_id is not None
                else None
            ),
        )
        for key, notice in by_key.items()
        if key not in known
    ]
    try:
        with transaction.atomic():
            created = Email.objects.bulk_create(new)
    except IntegrityError:  # queued at the same moment elsewhere: one by one
        return [email for notice in notices if (email := queue_notice_email(notice))]
    for email in created:
        send_after_commit(email)
    return [*existing, *created]


def queue_email(
    *,
    key: str,
    recipient,
    kind: str,
    period_start: datetime | None = None,
    period_end: datetime | None = None,
) -> Email | None:
    """An email of any kind (digests), once per key; sent after commit."""
    if not recipient.email:
        return None
    email, created = Email.objects.get_or_create(
        key=key,
        defaults={
            "recipient": recipient,
            "kind": kind,
            "period_start": period_start,
            "period_end": period_end,
            "next_attempt_at": timezone.now(),
        },
    )
    if created:
        send_after_commit(email)
    return email


def send_after_commit(email: Email) -> None:
    pk = email.pk
    transaction.on_commit(lambda: send_email.apply_async((pk,), ignore_result=True))


def translation_pending(notice: Notice, reader) -> bool:
    """Whether the post or page the notice quotes is still being translated for ``reader``."""
    from translations.display import reader_languages, shown_posts
    from translations.shown_texts import texts_of

    language, reads = reader_languages(reader, interface_language(reader))
    if notice.post_id is not None and notice.post is not None:
        shown = shown_posts([notice.post], language=language, reads=reads)[0]
        if shown.state == "pending":
            return True
        # No row yet: the worker has not looked at the post (its language unknown), or
        # its rows are written after this transaction. Only a post in a language the
        # reader reads is ready as it is.
        return shown.state == "original" and shown.language not in reads
    if notice.page_id is not None and notice.page is not None:
        return texts_of([notice.page.specific], language=language, reads=reads)[0].in_progress
    return False


def still_wanted(email: Email) -> str:
    """Why the email should no longer go ("" if it should)."""
    from .preferences import email_choice

    recipient = email.recipient
    if not recipient.is_active or not recipient.email:
        return "no address"
    if email.kind == Email.Kind.DIGEST:
        from .preferences import settings_for

        wanted = settings_for(recipient).email in (EmailChoice.DAILY, EmailChoice.WEEKLY)
        return "" if wanted else "no longer wanted"
    notice = email.notice
    if notice is None:
        return "notice deleted"
    from .privacy import may_read

    if (notice.post_id or notice.page_id) and not may_read(
        recipient, post=notice.post, page=notice.page
    ):
        return "no longer readable"
    if email_choice(recipient, notice.event, notice) != EmailChoice.EACH:
        return "no longer wanted"
    return ""


def deliver(email_id: int) -> datetime | None:
    """Send the email if it is due; the time to try again, if it should be."""
    with transaction.atomic():
        email = (
            Email.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient", "notice")
            .filter(pk=email_id)
            .first()
        )
        if email is None or email.status != Status.PENDING:
            return None  # sent, given up, or being sent by another worker right now
        now = timezone.now()
        if email.next_attempt_at and email.next_attempt_at > now:
            return email.next_attempt_at
        wait_until = email.wait_translation_until
        notice = email.notice
        untranslated = False
        if email.kind != Email.Kind.DIGEST and notice is not None:
            untranslated = translation_pending(notice, email.recipient)
            if untranslated and wait_until is not None and now < wait_until:
                # Whether it may still go is asked when it goes, not at each wait.
                email.next_attempt_at = min(now + TRANSLATION_POLL, wait_until)
                email.save(update_fields=["next_attempt_at"])
                return email.next_attempt_at
        reason = still_wanted(email)
        if reason:
            skip(email, reason)
            return None
        if notice is not None and email.kind != Email.Kind.DIGEST:
            message = notice_message(email, notice, untranslated=untranslated)
        else:  # a digest (an email of one notice whose notice is gone was skipped above)
            notices = digest_notices(email)
            if not notices:
                skip(email, "nothing left to tell")
                return None
            message = digest_message(email, notices, daily=email.key.startswith("digest:daily:"))
        email.subject = str(message.subject)
        try:
            message.send()
        except Exception as error:  # any failure of the server or the network: try again
            return failed_attempt(email, error)
        email.status = Status.SENT
        email.sent_at = timezone.now()
        email.attempts += 1
        email.last_error = ""
        email.save(update_fields=["status", "sent_at", "attempts", "last_error", "subject"])
        return None


def skip(email: Email, reason: str) -> None:
    """Not sent, for good: the reason stays on the row."""
    email.status = Status.SKIPPED
    email.last_error = reason
    email.save(update_fields=["status", "last_error"])


def failed_attempt(email: Email, error: Exception) -> datetime | None:
    email.attempts += 1
    email.last_error = f"{type(error).__name__}: {error}"[:2000]
    if email.attempts >= MAX_ATTEMPTS:
        email.status = Status.FAILED
        email.next_attempt_at = None
        logger.warning("Email %s failed after %s attempts: %s", email.key, email.attempts, error)
    else:
        email.next_attempt_at = timezone.now() + backoff(email.attempts)
    email.save(update_fields=["attempts", "last_error", "status", "next_attempt_at", "subject"])
    return email.next_attempt_at


def retry(email: Email) -> None:
    """An organizer's "retry": a failed email gets a fresh series of attempts."""
    Email.objects.filter(pk=email.pk, status__in=[Status.FAILED, Status.PENDING]).update(
        status=Status.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error=""
    )
    send_after_commit(email)


def wake(emails) -> int:
    """Send now the waiting emails among ``emails`` (a queryset): what they waited for came."""
    now = timezone.now()
    ids = list(
        emails.filter(status=Status.PENDING, wait_translation_until__gt=now).values_list(
            "pk", flat=True
        )
    )
    if ids:
        Email.objects.filter(pk__in=ids).update(next_attempt_at=now)
        for pk in ids:
            send_email.apply_async((pk,), ignore_result=True)
    return len(ids)


def posts_translated(sender, post_ids, **kwargs) -> None:
    """translations.signals.posts_translated: the emails quoting these posts stop waiting."""
    wake(Email.objects.filter(notice__post_id__in=post_ids))


def texts_translated(sender, sources, **kwargs) -> None:
    """translations.signals.texts_translated: likewise for the pages whose texts came (a
    page's texts are recorded on its specific class, under the page's id)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    def is_page(content_type_id: int) -> bool:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        return model is not None and issubclass(model, Page)

    pages = [object_id for content_type_id, object_id in sources if is_page(content_type_id)]
    if pages:
        wake(Email.objects.filter(notice__page_id__in=pages))


def due_emails(limit: int = 500) -> list[int]:
    return list(
        Email.objects.filter(status=Status.PENDING, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )


@shared_task(name="notifications.outbox.send_email", acks_late=True, ignore_result=True)
def send_email(email_id: int) -> None:
    """Send one email; come back when it is to be tried again."""
    again = deliver(email_id)
    if again is not None:
        send_email.apply_async((email_id,), eta=again, ignore_result=True)


@shared_task(name="notifications.outbox.send_due_emails", ignore_result=True)
def send_due_emails() -> int:
    """Beat, every minute: whatever is due and pending (lost tasks, retries)."""
    due = due_emails()
    for pk in due:
        deliver(pk)
    return len(due)
