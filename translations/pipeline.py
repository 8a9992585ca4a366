"""The post translation pipeline: record what needs translating, then translate it.

Saving a post calls :func:`request_post_translation` (cheap: a few rows and a queued task
after commit). The Celery task calls :func:`translate_pending`, which is safe to run any
number of times: finished rows are skipped, the segment memory answers repeats, and a
result is only written over the very source it was computed from.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.module_loading import import_string
from machina.core.db.models import get_model

from translations.detection import detect_language
from translations.engines import Engine, get_engine
from translations.errors import PermanentTranslationError, TranslationError
from translations.glossary import glossary_for_post
from translations.markup import extract_segments
from translations.memory import translate_segments
from translations.models import PostLanguage, PostTranslation

logger = logging.getLogger(__name__)

Post = get_model("forum_conversation", "Post")
Status = PostTranslation.Status

#: Runs of the task (retries, redeliveries, sweeps) after which a translation is failed.
MAX_ATTEMPTS = 10
#: How long a pending translation may wait before the sweep queues it again.
PENDING_GRACE = timedelta(minutes=10)
SUPPORTED = ("es", "fr", "en")


def source_digest(subject: str, content: str) -> str:
    return hashlib.sha256(f"{subject}\x00{content}".encode()).hexdigest()


def post_source(post) -> tuple[str, str]:
    return post.subject or "", post.content.raw if post.content is not None else ""


def request_post_translation(post, *, targets: Iterable[str], language: str | None = None) -> bool:
    """Mark the post's translations pending; queue the work once the transaction commits.

    ``language`` is the author's explicit choice: it wins over detection from now on.
    Returns False, and queues nothing, when the source has not changed since last time.
    """
    digest = source_digest(*post_source(post))
    known = PostLanguage.objects.filter(post=post).first()
    if language and (known is None or known.language != language or not known.chosen_by_author):
        PostLanguage.objects.update_or_create(
            post=post, defaults={"language": language, "chosen_by_author": True}
        )
        known = None  # rows for the old language may be wrong now
    source = language or (known.language if known else None)
    wanted = [code for code in dict.fromkeys(targets) if code in SUPPORTED and code != source]
    existing = {row.language: row for row in PostTranslation.objects.filter(post=post)}
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
    now = timezone.now()
    for code in stale:
        defaults = {
            "source_digest": digest,
            "status": Status.PENDING,
            "requested_at": now,
            "retry_at": None,
            "attempts": 0,
            "last_error": "",
        }
        row = existing.get(code)
        if row is not None and row.is_reviewed and row.source_digest != digest:
            # The translator's text stays in the history; the machine takes over again
            # and the row goes back to the review queue, flagged.
            defaults.update(source_changed_since_review=True, reviewed_at=None, reviewed_by=None)
        PostTranslation.objects.update_or_create(post=post, language=code, defaults=defaults)
    if unwanted:
        PostTranslation.objects.filter(post=post, language__in=unwanted).delete()
    post_id = post.pk
    transaction.on_commit(lambda: queue_post_translation(post_id))
    return True


def queue_post_translation(post_id: int) -> None:
    """Send the task; a broker that is down loses nothing, the sweep sends it again."""
    from translations.tasks import translate_post

    try:
        translate_post.delay(post_id)
    except Exception:  # any broker failure: the rows stay pending for the sweep
        logger.warning("Broker unavailable: translation of post %s left to the sweep", post_id)


@dataclass
class PipelineResult:
    translated: list[str]
    segments_sent: int = 0


def translate_pending(post_id: int, *, engine: Engine | None = None) -> PipelineResult:
    """Translate every pending translation of the post. Raises TranslationError on failure."""
    post = Post.objects.select_related("poster").filter(pk=post_id).first()
    if post is None:
        return PipelineResult(translated=[])
    subject, content = post_source(post)
    digest = source_digest(subject, content)
    pending = PostTranslation.objects.filter(post=post, status=Status.PENDING)
    if not pending.exists():
        return PipelineResult(translated=[])
    pending.update(attempts=F("attempts") + 1)
    exhausted = pending.filter(attempts__gt=MAX_ATTEMPTS)
    if exhausted.exists():
        exhausted.update(status=Status.FAILED, last_error="Gave up after too many attempts.")
    source = post_language(post, subject, content)
    PostTranslation.objects.filter(post=post, language=source).delete()

    rows = list(PostTranslation.objects.filter(post=post, status=Status.PENDING))
    engine = engine or engine_for_post(post)
    subject_doc = extract_segments(subject)
    content_doc = extract_segments(content)
    render = markup_renderer()
    result = PipelineResult(translated=[])
    glossary = glossary_for_post(post, source)
    protected = [glossary.protect(text) for text in [*subject_doc.segments, *content_doc.segments]]
    segments = [item.text for item in protected]
    owners = {
        item.text: (doc, index, item)
        for doc, items in (
            (subject_doc, protected[: len(subject_doc.segments)]),
            (content_doc, protected[len(subject_doc.segments) :]),
        )
        for index, item in enumerate(items)
    }

    def accepts(text: str, translated: str) -> bool:
        doc, index, item = owners[text]
        # Any target will do: only whether the glossary tokens survived matters here.
        restored = item.restore(translated, source)
        return restored is not None and doc.accepts(index, restored)

    for row in rows:
        raw, sent = translate_segments(
            segments, source=source, target=row.language, engine=engine, accepts=accepts
        )
        translated = [
            item.restore(text, row.language) or item.source
            for item, text in zip(protected, raw, strict=True)
        ]
        result.segments_sent += sent
        split = len(subject_doc.segments)
        new_subject = subject_doc.rebuild(translated[:split])
        new_content = content_doc.rebuild(translated[split:])
        # Written only over the source it was computed from (see source_digest).
        # Never over a translator's text that landed meanwhile.
        written = PostTranslation.objects.filter(
            pk=row.pk, source_digest__in=[row.source_digest, digest], reviewed_at__isnull=True
        ).update(
            source_digest=digest,
            source_language=source,
            status=Status.DONE,
            subject=new_subject[:255],
            content=new_content,
            content_rendered=render(new_content),
            engine=engine.name,
            last_error="",
            retry_at=None,
            translated_at=timezone.now(),
        )
        if written:
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
        transaction.on_commit(lambda post_id=post_id: queue_post_translation(post_id))
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
        transaction.on_commit(lambda post_id=post_id: queue_post_translation(post_id))
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
    "PermanentTranslationError",
    "mark_failed",
    "request_post_translation",
    "retranslate_posts",
    "retry_failed",
    "schedule_retry",
    "sweep_pending",
    "translate_pending",
]
