"""Telling members: one notice per member and event, only about what they may read.

`notify` is the one way a notice is made. It drops the member who caused the event,
anyone who may not read the post or page (`may_read`: the checks the site itself makes),
keeps one notice per member and post (the strongest event wins: an answer to your question
is not also "a new post where you follow"), and queues the email of each new notice for
those who want one per event (the outbox sends it after commit, checking `may_read` again).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail.models import Page

from forum.discussion import post_url

from . import outbox, preferences
from .models import EmailChoice, Event, Notice
from .privacy import may_read, readers
from .unread import forget_unread

__all__ = ["ONCE_PER_PAGE", "STRENGTH", "default_url", "may_read", "notify", "readers"]

#: When one post concerns a member several ways, the notice tells the strongest.
STRENGTH = {
    Event.ALERT: 0,  # alerts (notifications.alerts): weaker than anything else about a post
    Event.NEW_POST: 1,
    Event.REPLY: 2,
    Event.MENTION: 3,
    Event.QUESTION: 4,
    Event.ANSWER: 5,
}
#: Page events told once per member and page, however often the page is published.
ONCE_PER_PAGE = {Event.CASE_STUDY, Event.WEEK_OPENS, Event.WEEK_CLOSING}


# ---------------------------------------------------------------------------
# Making notices
# ---------------------------------------------------------------------------
def notify(
    event: str,
    recipients: Iterable[User],
    *,
    post=None,
    page: Page | None = None,
    actor: User | None = None,
    url: str = "",
    data: dict | None = None,
) -> list[Notice]:
    """Notices of `event` for those of `recipients` who may read what it is about; the new
    (or strengthened) notices, whose emails are queued."""
    event = Event(event)
    people = _distinct(recipients, actor)
    if post is not None or page is not None:
        people = readers(people, post=post, page=page)
    if not people:
        return []
    url = url or default_url(post=post, page=page)
    if post is not None:
        notices = _post_notices(event, people, post=post, actor=actor, url=url, data=data or {})
    else:
        if page is not None and event in ONCE_PER_PAGE:
            told = set(
                Notice.objects.filter(
                    event=event, page=page, recipient__in=[p.pk for p in people]
                ).values_list("recipient_id", flat=True)
            )
            people = [person for person in people if person.pk not in told]
        notices = Notice.objects.bulk_create(
            Notice(recipient=person, event=event, actor=actor, page=page, url=url, data=data or {})
            for person in people
        )
        forget_unread(person.pk for person in people)  # bulk_create sends no signal
    preferences.load_settings(notice.recipient for notice in notices)  # one query for all
    _queue_emails(
        [
            notice
            for notice in notices
            if preferences.email_choice(notice.recipient, event, notice) == EmailChoice.EACH
        ]
    )
    return notices


def _distinct(recipients: Iterable[User], actor: User | None) -> list[User]:
    seen: set[int] = set()
    people = []
    for person in recipients:
        if person is None or person.pk in seen or (actor is not None and person.pk == actor.pk):
            continue
        seen.add(person.pk)
        people.append(person)
    return people


def _post_notices(event: Event, people: list[User], *, post, actor, url, data) -> list[Notice]:
    """One notice per member and post: a stronger event takes over a weaker notice."""
    existing = {
        notice.recipient_id: notice
        for notice in Notice.objects.filter(post=post, recipient__in=[p.pk for p in people])
    }
    notices, new = [], []
    for person in people:
        notice = existing.get(person.pk)
        if notice is None:
            new.append(
                Notice(recipient=person, event=event, actor=actor, post=post, url=url, data=data)
            )
            continue
        if STRENGTH.get(Event(notice.event), 0) >= STRENGTH.get(event, 0):
            continue
        notice.event, notice.actor, notice.url, notice.data = event, actor, url, data
        notice.save(update_fields=["event", "actor", "url", "data"])
        notice.recipient = person
        notices.append(notice)
    try:
        with transaction.atomic():
            notices += Notice.objects.bulk_create(new)
            forget_unread(notice.recipient_id for notice in new)  # no signal from bulk_create
    except IntegrityError:
        # Someone was told of this post at the same moment by another event: one by one.
        for notice in new:
            try:
                with transaction.atomic():
                    notice.save()
            except IntegrityError:
                continue
            notices.append(notice)
    return notices


def default_url(*, post=None, page: Page | None = None) -> str:
    """The site path of the exact post, or of the page (its editor while under review)."""
    if post is not None:
        return post_url(post.topic.forum, post)
    if page is not None:
        if not page.live:
            return reverse("wagtailadmin_pages:edit", args=[page.pk])
        parts = page.get_url_parts()
        return parts[2] if parts else ""
    return ""


def _queue_emails(notices: list[Notice]) -> None:
    # The delivery side; it checks `may_read` again when sending.
    outbox.queue_notice_emails(notices)
