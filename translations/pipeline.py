"""The post translation pipeline: record what needs translating, then translate it.

Saving a post calls :func:`request_post_translation` (cheap: a few rows and, after commit,
a task for the post unless one sent moments ago is still waiting: :func:`announce`). The
Celery task calls :func:`translate_pending`, which takes its post and other due posts in one
batch and is safe to run any number of times: finished rows are skipped, the segment memory
answers repeats, and a result is only written over the very source it was computed from.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.module_loading import import_string
from machina.core.db.models import get_model

from translations.detection import detect_language
from translations.engines import Engine, get_engine
from translations.errors import PermanentTranslationError, TranslationError
from translations.glossary import glossary_for_post
from translations.markup import Document, extract_segments
from translations.memory import translate_segments
from translations.models import PostLanguage, PostTranslation, TranslationQueue

logger = logging.getLogger(__name__)

Post = get_model("forum_conversation", "Post")
Status = PostTranslation.Status

#: Runs of the task (retries, redeliveries, sweeps) after which a translation is failed.
MAX_ATTEMPTS = 10
#: How long a pending translation may wait before the sweep queues it again.
PENDING_GRACE = timedelta(minutes=10)
#: How long a run's claim on the translations of its batch keeps others away.
CLAIM_WINDOW = timedelta(minutes=5)
#: How long a sent task counts as waiting for a worker, so that saves send none of their own.
COALESCE_WINDOW = timedelta(seconds=60)
SUPPORTED = ("es", "fr", "en")


def source_digest(subject: str, content: str) -> str:
    return hashlib.sha256(f"{subject}\x00{content}".encode()).hexdigest()


def post_source(post) -> tuple[str, str]:
    return post.subject or "", post.content.raw if post.content is not None else ""


def request_post_translation(
    post, *, targets: Iterable[str], language: str | None = None, created: bool = False
) -> bool:
    """Mark the post's translations pending; queue the work once the transaction commits.

    ``language`` is the author's explicit choice: it wins over detection from now on.
    ``created`` says the post was just inserted, so it has no rows yet to read.
    Returns False, and queues nothing, when the source has not changed since last time.
    """
    digest = source_digest(*post_source(post))
    known = None if created else PostLanguage.objects.filter(post=post).first()
    if language and (known is None or known.language != language or not known.chosen_by_author):
        # One upsert: saving a post stays cheap (the queries here are on every save).
        PostLanguage.objects.bulk_create(
            [PostLanguage(post=post, language=language, chosen_by_author=True)],
            update_conflicts=True,
            unique_fields=["post"],
            update_fields=["language", "chosen_by_author"],
        )
        known = None  # rows for the old language may be wrong now
    source = language or (known.language if known else None)
    wanted = [code for code in dict.fromkeys(targets) if code in SUPPORTED and code != source]
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
    if known is not None and not known.chosen_by_author and stale:
        known.delete()  # the text changed: detect its language again
    pending = {
        "source_digest": digest,
        "status": Status.PENDING,
        "requested_at": timezone.now(),
        "retry_at": None,
        "attempts": 0,
        "last_error": "",
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


def announce(post_id: int) -> bool:
    """Queue the post's task, unless one sent moments ago still waits for a worker.

    That waiting task takes every due post along when it starts (see :func:`claim_batch`),
    so a burst of saves sends a few messages, not one each. It is safe because a run marks
    the queue picked up (:func:`picked_up`) before it claims: a save that still found the
    mark recent had committed its rows before the claim could read them. A run that takes a
    full batch announces the rest; a mark left by a lost message expires after
    COALESCE_WINDOW, and the sweep queues whatever is left. Returns True if a task was sent.
    """
    now = timezone.now()
    mark = TranslationQueue.objects.filter(pk=1)
    stale = Q(waiting_since__isnull=True) | Q(waiting_since__lt=now - COALESCE_WINDOW)
    if mark.exclude(stale).exists():
        return False  # most saves of a burst: a read, no write lock
    if not mark.filter(stale).update(waiting_since=now):
        _row, created = TranslationQueue.objects.get_or_create(
            pk=1, defaults={"waiting_since": now}
        )
        if not created:
            return False  # a task sent moments ago will take this post along
    if queue_post_translation(post_id):
        return True
    mark.update(waiting_since=None)  # nothing is waiting after all: the next save sends
    return False


def picked_up() -> None:
    """A run starts: the next save sends a task again (see :func:`announce`)."""
    TranslationQueue.objects.filter(pk=1, waiting_since__isnull=False).update(waiting_since=None)


def queue_post_translation(post_id: int) -> bool:
    """Send the task; a broker that is down loses nothing, the sweep sends it again."""
    from translations.tasks import translate_post

    try:
        translate_post.delay(post_id)
    except Exception:  # any broker failure: the rows stay pending for the sweep
        logger.warning("Broker unavailable: translation of post %s left to the sweep", post_id)
        return False
    return True


@dataclass
class PipelineResult:
    translated: list[str]
    segments_sent: int = 0


@dataclass
class PostJob:
    """One post's share of a batch: what to send, and how to put the answers back."""

    post: object
    source: str
    digest: str
    rows: list[PostTranslation]
    engine: Engine
    subject_doc: Document
    content_doc: Document
    protected: list

    @property
    def segments(self) -> list[str]:
        return [item.text for item in self.protected]


def claim_batch(post_id: int, *, batch: int = 1, is_retry: bool = False) -> list[int]:
    """The posts this run translates: its own if due, and other due posts, ``batch`` at most.

    A task stands for its post and for the posts saved while it waited (see
    :func:`announce`), so it takes due posts along even when its own is done or held by
    another run. Claimed rows get ``retry_at`` a few minutes ahead, so other workers and
    the sweep leave them alone meanwhile (their own tasks, if any, find nothing left). The
    claim is one transaction; PostgreSQL skips rows another worker is claiming at that
    moment. A retry takes back its own post even while its claim runs.
    """
    now = timezone.now()
    due = Q(retry_at__isnull=True) | Q(retry_at__lte=now)
    waiting = PostTranslation.objects.filter(status=Status.PENDING)
    own = waiting.filter(post_id=post_id)
    if not waiting.filter(due).exists() and not (is_retry and own.exists()):
        return []  # most often: earlier runs took everything; no write lock needed
    with transaction.atomic():
        post_ids = [post_id] if own.exists() and (is_retry or own.filter(due).exists()) else []
        if batch > len(post_ids):
            others = waiting.filter(due).exclude(post_id=post_id)
            if connection.features.has_select_for_update_skip_locked:
                others = others.select_for_update(skip_locked=True)
            for other in others.order_by("requested_at").values_list("post_id", flat=True)[
                : batch * len(SUPPORTED)
            ]:
                if len(post_ids) == batch:
                    break
                if other not in post_ids:
                    post_ids.append(other)
        if not post_ids:
            return []
        claimed = PostTranslation.objects.filter(post_id__in=post_ids, status=Status.PENDING)
        claimed.update(attempts=F("attempts") + 1, retry_at=now + CLAIM_WINDOW)
        claimed.filter(attempts__gt=MAX_ATTEMPTS).update(
            status=Status.FAILED, last_error="Gave up after too many attempts."
        )
    return post_ids


def announce_rest(post_ids: list[int], batch: int) -> None:
    """After a full batch, the due posts left over get a task (on another worker, if any)."""
    if batch <= 1 or len(post_ids) < batch:
        return  # the claim took every due post; later saves announce themselves
    now = timezone.now()
    left = (
        PostTranslation.objects.filter(status=Status.PENDING)
        .filter(Q(retry_at__isnull=True) | Q(retry_at__lte=now))
        .order_by("requested_at")
        .values_list("post_id", flat=True)
        .first()
    )
    if left is not None:
        announce(left)


def prepare_jobs(post_ids: list[int], *, engine: Engine | None) -> list[PostJob]:
    """What each claimed post needs translated, read with a few queries for the batch."""
    posts = Post.objects.select_related("poster__puentes_profile", "topic").in_bulk(post_ids)
    languages = dict(
        PostLanguage.objects.filter(post_id__in=post_ids).values_list("post_id", "language")
    )
    pending: dict[int, list[PostTranslation]] = defaultdict(list)
    for row in PostTranslation.objects.filter(post_id__in=post_ids, status=Status.PENDING):
        pending[row.post_id].append(row)
    glossaries: dict[tuple[int, str], object] = {}
    jobs, not_needed = [], []
    for pk in post_ids:
        post = posts.get(pk)
        if post is None:
            continue
        subject, content = post_source(post)
        source = languages.get(pk) or post_language(post, subject, content)
        not_needed += [row.pk for row in pending[pk] if row.language == source]
        rows = [row for row in pending[pk] if row.language != source]
        if not rows:
            continue
        key = (post.topic.forum_id, source)
        if key not in glossaries:
            glossaries[key] = glossary_for_post(post, source)
        subject_doc = extract_segments(subject)
        content_doc = extract_segments(content)
        jobs.append(
            PostJob(
                post=post,
                source=source,
                digest=source_digest(subject, content),
                rows=rows,
                engine=engine or engine_for_post(post),
                subject_doc=subject_doc,
                content_doc=content_doc,
                protected=[
                    glossaries[key].protect(text)
                    for text in [*subject_doc.segments, *content_doc.segments]
                ],
            )
        )
    if not_needed:
        # The source is in that language after all (detected, or the author's choice).
        PostTranslation.objects.filter(pk__in=not_needed).delete()
    return jobs


def translate_pending(
    post_id: int, *, engine: Engine | None = None, batch: int = 1, is_retry: bool = False
) -> PipelineResult:
    """Translate the post's pending translations, with up to ``batch - 1`` other due posts.

    The engine is called once per language pair for the whole batch: a burst of posts (or
    the sweep after a broker outage) costs a few engine calls, not one per post and
    language. Raises TransientTranslationError to have the run retried; a permanent error
    fails only the translations it concerns. ``translated`` lists the languages written
    for ``post_id``.
    """
    picked_up()
    post_ids = claim_batch(post_id, batch=batch, is_retry=is_retry)
    announce_rest(post_ids, batch)
    try:
        return translate_batch_of_posts(post_id, post_ids, engine=engine)
    except BaseException:
        release_claims([pk for pk in post_ids if pk != post_id])
        raise


def release_claims(post_ids: list[int]) -> None:
    """A failed run hands the posts it took along back, each to its own task and retries."""
    if not post_ids:
        return
    PostTranslation.objects.filter(post_id__in=post_ids, status=Status.PENDING).update(
        retry_at=None
    )
    for other in post_ids:
        queue_post_translation(other)


def translate_batch_of_posts(
    post_id: int, post_ids: list[int], *, engine: Engine | None
) -> PipelineResult:
    result = PipelineResult(translated=[])
    jobs = prepare_jobs(post_ids, engine=engine) if post_ids else []
    groups: dict[tuple[str, str, str], list[tuple[PostJob, PostTranslation]]] = defaultdict(list)
    for job in jobs:
        for row in job.rows:
            groups[(job.engine.name, job.source, row.language)].append((job, row))

    writes: list[tuple[PostJob, PostTranslation, str, str]] = []
    for (_name, source, target), items in groups.items():
        owners = {}
        for job, _row in items:
            for index, item in enumerate(job.protected):
                split = len(job.subject_doc.segments)
                doc, local = (
                    (job.subject_doc, index) if index < split else (job.content_doc, index - split)
                )
                owners[item.text] = (doc, local, item)

        def accepts(text: str, translated: str, owners=owners, source=source) -> bool:
            doc, index, item = owners[text]
            restored = item.restore(translated, source)
            return restored is not None and doc.accepts(index, restored)

        segments = [text for job, _row in items for text in job.segments]
        try:
            raw, sent = translate_segments(
                segments, source=source, target=target, engine=items[0][0].engine, accepts=accepts
            )
        except PermanentTranslationError as error:
            PostTranslation.objects.filter(pk__in=[row.pk for _job, row in items]).update(
                status=Status.FAILED, last_error=str(error)[:2000]
            )
            continue
        result.segments_sent += sent
        offset = 0
        for job, row in items:
            answers = raw[offset : offset + len(job.protected)]
            offset += len(job.protected)
            translated = [
                item.restore(text, target) or item.source
                for item, text in zip(job.protected, answers, strict=True)
            ]
            split = len(job.subject_doc.segments)
            writes.append(
                (
                    job,
                    row,
                    job.subject_doc.rebuild(translated[:split]),
                    job.content_doc.rebuild(translated[split:]),
                )
            )

    render = markup_renderer()
    # Rendered before the transaction: on SQLite it holds the one write lock of the site.
    rendered = [render(new_content) for _job, _row, _subject, new_content in writes]
    with transaction.atomic():
        for (job, row, new_subject, new_content), html in zip(writes, rendered, strict=True):
            # Written only over the source it was computed from (see source_digest),
            # never over a translator's text that landed meanwhile.
            written = PostTranslation.objects.filter(
                pk=row.pk,
                source_digest__in=[row.source_digest, job.digest],
                reviewed_at__isnull=True,
            ).update(
                source_digest=job.digest,
                source_language=job.source,
                status=Status.DONE,
                subject=new_subject[:255],
                content=new_content,
                content_rendered=html,
                engine=job.engine.name,
                last_error="",
                retry_at=None,
                translated_at=timezone.now(),
            )
            if written and job.post.pk == post_id:
                result.translated.append(row.language)
    return result


def post_language(post, subject: str, content: str) -> str:
    """The post's language: the author's choice, else detection, else the author's default."""
    known = PostLanguage.objects.filter(post=post).first()
    if known is not None:
        return known.language
    detected = detect_language(f"{subject}\n\n{content}")
    language = detected or author_language(post)
    PostLanguage.objects.update_or_create(
        post=post, defaults={"language": language, "chosen_by_author": False}
    )
    return language


def author_language(post) -> str:
    from courses.profiles import get_profile

    profile = get_profile(post.poster) if post.poster_id else None
    return profile.preferred_language if profile else settings.LANGUAGE_CODE[:2]


def engine_for_post(post) -> Engine:
    """The configured engine, or the offline one for an author who keeps their posts offline."""
    from courses.profiles import get_profile

    engine = configured_engine()
    if engine.is_online and post.poster_id:
        profile = get_profile(post.poster)
        if profile is not None and profile.keep_posts_offline:
            return cached_engine("apertium")
    return engine


def configured_engine() -> Engine:
    return cached_engine(settings.TRANSLATION_ENGINE)


@cache
def cached_engine(name: str) -> Engine:
    """One engine per worker process, so Apertium's warm state and HTTP sessions are reused."""
    return get_engine(name)


@cache
def markup_renderer():
    """machina's own renderer: a translation is sanitised exactly like the original."""
    return import_string(settings.MACHINA_MARKUP_LANGUAGE[0])


def schedule_retry(post_id: int, *, countdown: float, error: TranslationError) -> None:
    PostTranslation.objects.filter(post_id=post_id, status=Status.PENDING).update(
        retry_at=timezone.now() + timedelta(seconds=countdown), last_error=str(error)[:2000]
    )


def mark_failed(post_id: int, *, error: TranslationError | str) -> int:
    """After the last retry: organizers see the translation as failed, with a retry action."""
    return PostTranslation.objects.filter(post_id=post_id, status=Status.PENDING).update(
        status=Status.FAILED, last_error=str(error)[:2000] or "Translation failed."
    )


def retry_failed(translation_ids: Iterable[int]) -> int:
    """An organizer's retry: failed rows go back to pending and their posts are queued."""
    rows = PostTranslation.objects.filter(pk__in=list(translation_ids), status=Status.FAILED)
    post_ids = set(rows.values_list("post_id", flat=True))
    count = rows.update(
        status=Status.PENDING, attempts=0, retry_at=None, last_error="", requested_at=timezone.now()
    )
    for post_id in post_ids:
        transaction.on_commit(lambda post_id=post_id: announce(post_id))
    return count


def retranslate_posts(post_ids: Iterable[int]) -> int:
    """Machine-translate these posts again (a glossary changed); a translator's text stays.

    Reviewed rows are left alone: their source did not change, and a translator already
    chose their words.
    """
    rows = PostTranslation.objects.filter(post_id__in=list(post_ids), reviewed_at__isnull=True)
    queued = sorted(set(rows.values_list("post_id", flat=True)))
    count = rows.update(
        status=Status.PENDING, attempts=0, retry_at=None, last_error="", requested_at=timezone.now()
    )
    for post_id in queued:
        transaction.on_commit(lambda post_id=post_id: announce(post_id))
    return count


def sweep_pending(*, grace: timedelta = PENDING_GRACE) -> list[int]:
    """Queue again the posts whose pending translations nobody has touched for a while."""
    cutoff = timezone.now() - grace
    stale = PostTranslation.objects.annotate(due=Coalesce("retry_at", "requested_at")).filter(
        status=Status.PENDING, due__lt=cutoff
    )
    post_ids = sorted(set(stale.values_list("post_id", flat=True)))
    if post_ids:
        # Expected to be handled within the grace period; not queued again before then.
        PostTranslation.objects.filter(Q(post_id__in=post_ids) & Q(status=Status.PENDING)).update(
            retry_at=timezone.now()
        )
        for post_id in post_ids:
            queue_post_translation(post_id)
    return post_ids


__all__ = [
    "MAX_ATTEMPTS",
    "announce",
    "PermanentTranslationError",
    "mark_failed",
    "request_post_translation",
    "retranslate_posts",
    "retry_failed",
    "schedule_retry",
    "sweep_pending",
    "translate_pending",
]
