"""The texts of pages, forums and other objects, translated field by field like posts.

An app that shows a text asks for its translation with :func:`request_texts` (a page when it
is published, a forum when it is saved): one :class:`~translations.models.TextSource` per
field keeps the text as written, its language and whose glossary applies; one
:class:`~translations.models.TextTranslation` per other language waits for the worker.
Nothing changes unless a text did: a page published again with the same title asks for
nothing. The Celery task (sent by name, :data:`TRANSLATE_TEXTS_TASK`) runs
:func:`translate_due_texts`, which detects each text's language (the author's choice wins;
a text too short to tell falls back to its author's language), translates every due text
with one engine call per language pair through :func:`translations.translate.translate_texts`,
and writes each result only over the very source it was made from, never over a
translator's text. An engine that is down delays the rows (retried with backoff, the sweep
sends the task again); after :data:`MAX_ATTEMPTS` they are failed, and shown as written,
until the health check (translations/health.py) or an organizer retries them. A worker's
claims last while it lives (translations/heartbeat.py).
"""

from __future__ import annotations

import hashlib
import logging
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from bs4 import BeautifulSoup
from celery import current_app
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from members.languages import LANGUAGE_CODES
from translations import heartbeat
from translations.detection import detect_language
from translations.engines import Engine
from translations.errors import PermanentTranslationError, TransientTranslationError
from translations.glossary import glossary_for
from translations.models import OTHER_LANGUAGE, TextSource, TextTranslation, TranslationQueue
from translations.pipeline import configured_engine
from translations.signals import texts_translated
from translations.translate import translate_texts

logger = logging.getLogger(__name__)

Status = TextTranslation.Status
Kind = TextSource.Kind

#: The task that runs :func:`translate_due_texts`, sent by name (see translations.tasks).
TRANSLATE_TEXTS_TASK = "translations.tasks.translate_texts"
#: Texts one run claims at a time (it goes on until none is due).
TEXT_BATCH = 200
#: How long a run's claim keeps other runs away from its texts with no heartbeat renewing it.
CLAIM_WINDOW = timedelta(minutes=5)
#: The row of TranslationQueue that marks a text task sent and not yet started (posts: 1).
TEXT_QUEUE = 2
#: How long a sent text task counts as on its way, so that the sweep sends no other.
TEXT_TASK_WINDOW = timedelta(seconds=30)
#: How long due texts wait for their own task before the frequent sweep sends one.
SWEEP_DELAY = timedelta(seconds=5)
#: Runs after which a text's translation is failed (shown as written, organizers can retry).
MAX_ATTEMPTS = 10
BACKOFF_BASE = 15  # seconds
BACKOFF_CAP = 1800


@dataclass(frozen=True)
class Text:
    """One text of an object: its field's name, the text as written, Markdown or HTML."""

    field: str
    text: str
    kind: str = Kind.MARKDOWN
    #: The language of this text when it differs from the object's (a reading's excerpt).
    language: str = ""


def text_digest(text: str, kind: str = Kind.MARKDOWN) -> str:
    return hashlib.sha256(f"{kind}\x00{text}".encode()).hexdigest()


def content_type_of(obj) -> ContentType:
    return ContentType.objects.get_for_model(obj)


def request_texts(
    obj,
    texts: Iterable[Text],
    *,
    language: str | None = None,
    fallback_language: str = "",
    glossary: int | None = None,
) -> int:
    """Record the object's texts and queue the translation of those that changed.

    ``language`` is the author's choice for every text (None: detect each one);
    ``fallback_language`` the language assumed when a text is too short to tell;
    ``glossary`` whose glossary applies. Texts no longer given are forgotten. Returns how
    many texts were queued. Runs in the caller's transaction; the task is sent on commit.
    """
    content_type = content_type_of(obj)
    existing = {
        source.field: source
        for source in TextSource.objects.filter(content_type=content_type, object_id=obj.pk)
    }
    wanted = {text.field: text for text in texts if text.text and text.text.strip()}
    gone = [source.pk for field, source in existing.items() if field not in wanted]
    if gone:
        TextSource.objects.filter(pk__in=gone).delete()
    default = language if language in LANGUAGE_CODES else ""
    changed: list[TextSource] = []
    for position, (field, text) in enumerate(wanted.items()):
        digest = text_digest(text.text, text.kind)
        source = existing.get(field)
        chosen = text.language if text.language in LANGUAGE_CODES else default
        values = {
            "kind": text.kind,
            "text": text.text,
            "digest": digest,
            "fallback_language": fallback_language if fallback_language in LANGUAGE_CODES else "",
            "glossary": glossary,
            "position": position,
        }
        if source is None:
            source = TextSource.objects.create(
                content_type=content_type,
                object_id=obj.pk,
                field=field,
                language=chosen,
                chosen_by_author=bool(chosen),
                **values,
            )
            changed.append(source)
            continue
        language_changed = (chosen and source.language != chosen) or (
            not chosen and source.chosen_by_author
        )
        text_changed = source.digest != digest or source.glossary != glossary
        if not (text_changed or language_changed):
            if (source.position, source.fallback_language) != (
                position,
                values["fallback_language"],
            ):
                TextSource.objects.filter(pk=source.pk).update(
                    position=position, fallback_language=values["fallback_language"]
                )
            continue
        # The author's language, or none: the worker detects the text's language again.
        values["language"] = chosen
        values["chosen_by_author"] = bool(chosen)
        changed.append(source)
        for name, value in values.items():
            setattr(source, name, value)
        source.save()
    failed = TextSource.objects.filter(
        content_type=content_type, object_id=obj.pk, translations__status=Status.FAILED
    ).exclude(pk__in=[source.pk for source in changed])
    changed += list(failed.distinct())
    for source in changed:
        _queue(source)
    if changed:
        transaction.on_commit(announce_texts)
    return len(changed)


def _queue(source: TextSource) -> None:
    """Pending rows for every language the text may need; a translator's text is flagged."""
    targets = [code for code in LANGUAGE_CODES if code != source.language]
    if source.language == OTHER_LANGUAGE:
        targets = []
    rows = {row.language: row for row in source.translations.all()}
    source.translations.exclude(language__in=targets).delete()
    now = timezone.now()
    for code in targets:
        row = rows.get(code)
        if row is None:
            TextTranslation.objects.create(
                source=source, language=code, source_digest=source.digest, requested_at=now
            )
            continue
        if (
            row.status == Status.DONE
            and row.source_digest == source.digest
            and row.source_language
            and row.source_language == source.language
        ):
            continue  # the same text from the same language: nothing to do
        row.status = Status.PENDING
        row.requested_at = now
        row.retry_at = None
        row.attempts = 0
        row.last_error = ""
        if row.reviewed_at is not None and row.source_digest != source.digest:
            # The translator's text stays in the history; the machine takes over again and
            # the row goes back to the review queue, flagged.
            row.source_changed_since_review = True
            row.reviewed_at = None
            row.reviewed_by = None
        row.source_digest = source.digest
        row.save()


def forget_texts(obj) -> None:
    """The object is gone: so are its texts and their translations."""
    TextSource.objects.filter(content_type=content_type_of(obj), object_id=obj.pk).delete()


def announce_texts(countdown: float | None = None) -> bool:
    """Send the task; a broker that is down loses nothing, the sweep sends it again."""
    try:
        current_app.send_task(TRANSLATE_TEXTS_TASK, countdown=countdown, ignore_result=True)
    except Exception:  # any broker failure: the rows stay pending for the sweep
        logger.warning("Broker unavailable: translation of page texts left to the sweep")
        return False
    if countdown is None:  # on its way now: the frequent sweep sends none meanwhile
        TranslationQueue.objects.update_or_create(
            pk=TEXT_QUEUE, defaults={"waiting_since": timezone.now()}
        )
    return True


def texts_picked_up() -> None:
    """A text task starts: the frequent sweep may send the next one."""
    TranslationQueue.objects.filter(pk=TEXT_QUEUE, waiting_since__isnull=False).update(
        waiting_since=None
    )


def due() -> Q:
    now = timezone.now()
    return Q(status=Status.PENDING) & (Q(retry_at__isnull=True) | Q(retry_at__lte=now))


def claim_texts(limit: int = TEXT_BATCH) -> list[int]:
    """Due rows for this run, held for CLAIM_WINDOW; rows tried too often are failed."""
    if not TextTranslation.objects.filter(due()).exists():
        return []
    now = timezone.now()
    with transaction.atomic():
        rows = TextTranslation.objects.filter(due())
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        ids = list(rows.order_by("requested_at", "pk").values_list("pk", flat=True)[:limit])
        claimed = TextTranslation.objects.filter(pk__in=ids)
        claimed.update(
            attempts=F("attempts") + 1, retry_at=heartbeat.claim_until(now, CLAIM_WINDOW)
        )
        # Failed at ``now``: the health check retries it once the engine answers again.
        claimed.filter(attempts__gt=MAX_ATTEMPTS).update(
            status=Status.FAILED, last_error="Gave up after too many attempts.", retry_at=now
        )
    return list(
        TextTranslation.objects.filter(pk__in=ids, status=Status.PENDING).values_list(
            "pk", flat=True
        )
    )


def source_language(source: TextSource) -> str:
    """The text's language: the author's, else detected (a short text: its author's)."""
    if source.language:
        return source.language
    text = source.text
    if source.kind == Kind.HTML:
        text = BeautifulSoup(text, "html.parser").get_text("\n")
    fallback = source.fallback_language or settings.LANGUAGE_CODE[:2]
    language = detect_language(text, default=fallback) or fallback
    TextSource.objects.filter(pk=source.pk, digest=source.digest).update(language=language)
    source.language = language
    return language


def backoff(attempts: int, retry_after: float | None = None) -> float:
    ceiling = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** max(attempts - 1, 0))
    delay = random.uniform(ceiling / 2, ceiling)  # noqa: S311 -- jitter, not cryptography
    return max(delay, retry_after or 0)


def translate_due_texts(*, engine: Engine | None = None, limit: int = TEXT_BATCH) -> int:
    """Translate every due text, a batch at a time. Returns how many were written.

    An engine that is down (TransientTranslationError) leaves the batch pending with a
    retry time, and sends the task again for then.
    """
    written = 0
    while True:
        ids = claim_texts(limit)
        if not ids:
            return written
        try:
            with heartbeat.holding(texts=ids):  # the claims last while this run does
                written += translate_rows(ids, engine=engine or configured_engine())
        except TransientTranslationError as error:
            rows = TextTranslation.objects.filter(pk__in=ids, status=Status.PENDING)
            attempts = max(rows.values_list("attempts", flat=True), default=1)
            delay = backoff(attempts, error.retry_after)
            rows.update(
                retry_at=timezone.now() + timedelta(seconds=delay), last_error=str(error)[:2000]
            )
            announce_texts(countdown=delay)
            return written


def translate_rows(ids: list[int], *, engine: Engine) -> int:
    rows = list(
        TextTranslation.objects.filter(pk__in=ids, status=Status.PENDING).select_related("source")
    )
    groups: dict[tuple[str, str, str, int | None], list[TextTranslation]] = defaultdict(list)
    not_needed = []
    for row in rows:
        source = row.source
        language = source_language(source)
        if language == OTHER_LANGUAGE or language == row.language:
            not_needed.append(row.pk)
            continue
        groups[(language, row.language, source.kind, source.glossary)].append(row)
    if not_needed:
        TextTranslation.objects.filter(pk__in=not_needed).delete()
    written = 0
    done: set[tuple[int, int]] = set()
    for (written_in, target, kind, glossary), items in groups.items():
        try:
            translated, _sent = translate_texts(
                [row.source.text for row in items],
                kind="html" if kind == Kind.HTML else "markdown",
                source=written_in,
                target=target,
                engine=engine,
                glossary=glossary_for(glossary, written_in),
            )
        except PermanentTranslationError as error:
            TextTranslation.objects.filter(pk__in=[row.pk for row in items]).update(
                status=Status.FAILED, last_error=str(error)[:2000], retry_at=None
            )  # no retry by itself: the same text would fail the same way
            continue
        now = timezone.now()
        with transaction.atomic():
            for row, text in zip(items, translated, strict=True):
                updated = TextTranslation.objects.filter(
                    pk=row.pk,
                    status=Status.PENDING,
                    reviewed_at__isnull=True,
                    source_digest=row.source.digest,
                    source__digest=row.source.digest,
                ).update(
                    status=Status.DONE,
                    source_language=written_in,
                    text=text,
                    engine=engine.name,
                    last_error="",
                    retry_at=None,
                    translated_at=now,
                )
                written += updated
                if updated:
                    done.add((row.source.content_type_id, row.source.object_id))
    if done:
        transaction.on_commit(
            lambda: texts_translated.send(sender=TextTranslation, sources=sorted(done))
        )
    return written


def sweep_texts() -> bool:
    """Send the task again when texts are due and none is on its way (run by beat)."""
    if TextTranslation.objects.filter(due()).exists():
        return announce_texts()
    return False


def sweep_due_texts(*, delay: timedelta = SWEEP_DELAY) -> bool:
    """Send the task when texts waited ``delay`` and no task is on its way (every few s).

    Their task was lost (the broker was down), or their worker died (the claim's lease ran
    out), or their retry's message is gone. One indexed query when nothing waits.
    """
    now = timezone.now()
    waited = TextTranslation.objects.filter(due()).filter(
        Q(retry_at__lte=now - delay) | Q(retry_at__isnull=True, requested_at__lte=now - delay)
    )
    if not waited.exists():
        return False
    on_its_way = TranslationQueue.objects.filter(
        pk=TEXT_QUEUE, waiting_since__gte=now - TEXT_TASK_WINDOW
    )
    if on_its_way.exists():
        return False
    return announce_texts()


def retry_failed_texts(translation_ids: Iterable[int]) -> int:
    """An organizer's retry: failed rows go back to pending."""
    count = TextTranslation.objects.filter(
        pk__in=list(translation_ids), status=Status.FAILED
    ).update(
        status=Status.PENDING,
        attempts=0,
        auto_retries=0,
        retry_at=None,
        last_error="",
        requested_at=timezone.now(),
    )
    if count:
        transaction.on_commit(announce_texts)
    return count


def retranslate_for_term(term, *, before=None) -> int:
    """A glossary term was added, edited or removed: machine-translate again the texts of its
    course that use it (as it is now or was before). A translator's text stays."""
    from translations.glossary import term_mentioned

    versions = [version for version in (term, before) if version is not None]
    written = {text for version in versions for text in version.terms() if text.strip()}
    if not written or term.course_id is None:
        return 0
    candidates = Q()
    for text in written:
        candidates |= Q(text__icontains=text)
    hits = [
        source.pk
        for source in TextSource.objects.filter(glossary=term.course_id)
        .filter(candidates)
        .only("pk", "text")
        if any(term_mentioned(version, source.text) for version in versions)
    ]
    count = TextTranslation.objects.filter(source_id__in=hits, reviewed_at__isnull=True).update(
        status=Status.PENDING,
        attempts=0,
        retry_at=None,
        last_error="",
        requested_at=timezone.now(),
    )
    if count:
        transaction.on_commit(announce_texts)
    return count


def term_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    """post_save and post_delete of a glossary term (its old wording: ``_before``)."""
    if not raw:
        retranslate_for_term(instance, before=getattr(instance, "_before", None))
