"""Saving a post records what needs translating: its language and one pending row a target.

:func:`request_post_translation` runs in the post's own transaction (so a post is never
saved without its pending rows) and announces the work once that transaction commits.

A post's language is its body's; its subject has its own (:func:`subject_language`): a
reply's "Re: <the topic's subject>" is in the topic's language whatever the reply's.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from members.languages import LANGUAGE_CODES
from members.profiles import get_profile
from translations.detection import detect_language
from translations.models import OTHER_LANGUAGE, PostLanguage, PostTranslation

from .queueing import announce

Status = PostTranslation.Status
SUPPORTED = tuple(LANGUAGE_CODES)


def source_digest(subject: str, content: str) -> str:
    return hashlib.sha256(f"{subject}\x00{content}".encode()).hexdigest()


def post_source(post) -> tuple[str, str]:
    return post.subject or "", post.content.raw if post.content is not None else ""


def request_post_translation(
    post,
    *,
    targets: Iterable[str],
    language: str | None = None,
    assumed_language: str | None = None,
    created: bool = False,
    glossary: int | None = None,
) -> bool:
    """Mark the post's translations pending; queue the work once the transaction commits.

    ``language`` is the author's explicit choice: it wins over detection from now on.
    ``assumed_language`` is the language a form offered and the author left as it was: the
    post's language unless detection finds the text surely in none of ours (the task looks).
    ``created`` says the post was just inserted, so it has no rows yet to read.
    ``glossary`` is whose glossary applies (the asking app knows what the post belongs to).
    Returns False, and queues nothing, when the source has not changed since last time.
    A post in another language (``OTHER_LANGUAGE``) is translated into nothing.
    """
    digest = source_digest(*post_source(post))
    known = None if created else PostLanguage.objects.filter(post=post).first()
    chosen = language is not None
    if not chosen and assumed_language is not None:
        if known is not None and known.chosen_by_author and known.language == assumed_language:
            language, chosen = assumed_language, True  # an earlier choice, offered again
        elif assumed_language != OTHER_LANGUAGE:
            language = assumed_language
        elif known is not None:
            known.delete()  # "another language" was detection's: let it read the text again
            known = None
    if language and (
        known is None or known.language != language or known.chosen_by_author != chosen
    ):
        # One upsert: saving a post stays cheap (the queries here are on every save).
        PostLanguage.objects.bulk_create(
            [PostLanguage(post=post, language=language, chosen_by_author=chosen)],
            update_conflicts=True,
            unique_fields=["post"],
            update_fields=["language", "chosen_by_author"],
        )
        known = None  # rows for the old language may be wrong now
    source = language or (known.language if known else None)
    wanted = [
        code
        for code in dict.fromkeys(targets)
        if code in SUPPORTED and code != source and source != OTHER_LANGUAGE
    ]
    existing = (
        {} if created else {row.language: row for row in PostTranslation.objects.filter(post=post)}
    )
    stale = [
        code
        for code in wanted
        if code not in existing
        or existing[code].source_digest != digest
        or existing[code].status == Status.FAILED
    ]
    unwanted = set(existing) - set(wanted)
    if not stale and not unwanted:
        return False
    if language is None and known is not None and not known.chosen_by_author and stale:
        known.delete()  # the text changed: detect its language again
    pending = {
        "source_digest": digest,
        "status": Status.PENDING,
        "requested_at": timezone.now(),
        "retry_at": None,
        "attempts": 0,
        "last_error": "",
        "glossary": glossary,
    }
    PostTranslation.objects.bulk_create(
        [PostTranslation(post=post, language=code, **pending) for code in stale],
        update_conflicts=True,
        unique_fields=["post", "language"],
        update_fields=list(pending),
    )
    reviewed = [
        code
        for code in stale
        if code in existing
        and existing[code].is_reviewed
        and existing[code].source_digest != digest
    ]
    if reviewed:
        # The translator's text stays in the history; the machine takes over again and
        # the row goes back to the review queue, flagged.
        PostTranslation.objects.filter(post=post, language__in=reviewed).update(
            source_changed_since_review=True, reviewed_at=None, reviewed_by=None
        )
    if unwanted:
        PostTranslation.objects.filter(post=post, language__in=unwanted).delete()
    post_id = post.pk
    transaction.on_commit(lambda: announce(post_id))
    return True


def post_language(post, subject: str, content: str) -> str:
    """The post's language: the author's choice, else detection, else the author's default.

    A language the author did not choose (a form's offer left as it was, or an earlier
    detection) gives way when detection is sure the text is in none of ours.
    """
    known = PostLanguage.objects.filter(post=post).first()
    if known is not None and (known.chosen_by_author or known.language == OTHER_LANGUAGE):
        return known.language
    detected = detect_language(f"{subject}\n\n{content}")
    if known is not None and detected != OTHER_LANGUAGE:
        return known.language
    language = detected or author_language(post)
    PostLanguage.objects.update_or_create(
        post=post, defaults={"language": language, "chosen_by_author": False}
    )
    return language


def author_language(post) -> str:
    profile = get_profile(post.poster) if post.poster_id else None
    return profile.preferred_language if profile else settings.LANGUAGE_CODE[:2]


#: What forums and mail put before a reply's subject ("Re: ", "RE : ", "Rép. : ", "AW: "),
#: repeated or not: no prose. It is never sent to an engine and is written back as it was,
#: before the translated rest, in every language (as mail readers everywhere show it).
REPLY_PREFIX = re.compile(r"(?:\s*(?:re|rép|rep|resp|aw|antw|sv)\.?\s?:\s*)+", re.IGNORECASE)


def split_reply_prefix(subject: str) -> tuple[str, str]:
    """A subject's reply prefix ("Re: ", or "" when it has none) and the rest of it."""
    match = REPLY_PREFIX.match(subject)
    if match is None or not subject[match.end() :].strip():
        return "", subject
    return match.group(), subject[match.end() :]


def subject_language(subject: str, *, chosen: str | None, author: str) -> str:
    """The language of a subject (without its reply prefix).

    The author's explicit choice for the post covers its subject; else detection, on the
    subject alone, and when it is too short or too close to tell (most subjects), the
    author's language. ``OTHER_LANGUAGE``: in none of ours, kept as written.
    """
    if chosen:
        return chosen
    return detect_language(subject, default=author) or author


def post_subject_language(post, *, chosen: str | None) -> str:
    """The language of a post's subject as written (its reply prefix aside)."""
    _prefix, rest = split_reply_prefix(post.subject or "")
    return subject_language(rest, chosen=chosen, author=author_language(post))
