"""A run of the task: claim a batch of due posts, translate it, write the results.

One engine call per language pair for the whole batch; every result is written only over
the source it was computed from, never over a translator's text.

A post's subject and body are translated each from its own language: a French reply's
"Re: <the Spanish topic's subject>" is Spanish after its prefix, so Spanish readers get
it as written and the others the topic's own translation of it (or, while there is none,
the rest translated from Spanish), behind the prefix as written.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from machina.core.db.models import get_model

from translations import heartbeat
from translations.engines import Engine
from translations.errors import PermanentTranslationError
from translations.glossary import Glossary, glossary_for
from translations.memory import translate_segments
from translations.models import OTHER_LANGUAGE, PostLanguage, PostTranslation
from translations.signals import posts_translated

from .engine_choice import engine_for_post, markup_renderer
from .fields import Field, TopicSubjects
from .queueing import announce_rest, due_at, picked_up, release_claims
from .recording import (
    SUPPORTED,
    post_language,
    post_source,
    post_subject_language,
    source_digest,
    split_reply_prefix,
)

Post = get_model("forum_conversation", "Post")
Status = PostTranslation.Status

#: Runs of the task (retries, redeliveries, sweeps) after which a translation is failed.
MAX_ATTEMPTS = 10
#: How long a run's claim on the translations of its batch keeps others away when no
#: heartbeat renews it (a run in place); a worker's claims hold one lease, renewed while
#: the worker lives (translations/heartbeat.py).
CLAIM_WINDOW = timedelta(minutes=5)


@dataclass
class PipelineResult:
    translated: list[str]
    segments_sent: int = 0


@dataclass
class PostJob:
    """One post's share of a batch: what to send, and how to put the answers back."""

    post: Any  # machina's Post (its models carry no types)
    source: str
    digest: str
    rows: list[PostTranslation]
    engine: Engine
    subject: Field
    content: Field


def claim_batch(post_id: int, *, batch: int = 1, is_retry: bool = False) -> list[int]:
    """The posts this run translates: its own if due, and other due posts, ``batch`` at most.

    A task stands for its post and for the posts saved while it waited (see
    :func:`announce`), so it takes due posts along even when its own is done or held by
    another run. Claimed rows get ``retry_at`` ahead (one lease, which the worker's heartbeat
    renews while the run lasts), so other workers and the sweep leave them alone meanwhile
    (their own tasks, if any, find nothing left); a worker that dies stops renewing, and
    its rows are due again a lease later. The claim is one transaction; PostgreSQL skips
    rows another worker is claiming at that moment. A retry takes back its own post even
    while its claim runs.
    """
    now = timezone.now()
    due = due_at(now)
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
        claimed.update(
            attempts=F("attempts") + 1, retry_at=heartbeat.claim_until(now, CLAIM_WINDOW)
        )
        # Failed at ``now``: the health check retries it once the engine answers again.
        claimed.filter(attempts__gt=MAX_ATTEMPTS).update(
            status=Status.FAILED, last_error="Gave up after too many attempts.", retry_at=now
        )
    return post_ids


def prepare_jobs(post_ids: list[int], *, engine: Engine | None) -> list[PostJob]:
    """What each claimed post needs translated, read with a few queries for the batch."""
    posts = Post.objects.select_related(
        "poster__puentes_profile", "topic__first_post__poster__puentes_profile"
    ).in_bulk(post_ids)
    first_posts = {
        post.topic.first_post_id: post.topic.first_post
        for post in posts.values()
        if post.topic.first_post_id not in (None, post.pk)
    }
    settled = dict(
        PostLanguage.objects.filter(post_id__in=[*post_ids, *first_posts])
        .filter(Q(chosen_by_author=True) | Q(language=OTHER_LANGUAGE))
        .values_list("post_id", "language")
    )
    pending: dict[int, list[PostTranslation]] = defaultdict(list)
    for row in PostTranslation.objects.filter(post_id__in=post_ids, status=Status.PENDING):
        pending[row.post_id].append(row)
    topic_subjects = TopicSubjects(first_posts, settled)
    glossaries: dict[tuple[int | None, str], Glossary] = {}

    def glossary(key: tuple[int | None, str]) -> Glossary:
        if key not in glossaries:
            glossaries[key] = glossary_for(*key)
        return glossaries[key]

    jobs, not_needed = [], []
    for pk in post_ids:
        post = posts.get(pk)
        if post is None:
            continue
        subject, content = post_source(post)
        # A language the author did not choose may yet turn out to be none of ours.
        source = settled.get(pk) or post_language(post, subject, content)
        if source == OTHER_LANGUAGE:
            not_needed += [row.pk for row in pending[pk]]
            continue
        not_needed += [row.pk for row in pending[pk] if row.language == source]
        rows = [row for row in pending[pk] if row.language != source]
        if not rows:
            continue
        prefix, rest = split_reply_prefix(subject)
        reply_to = topic_subjects.of(post, rest) if prefix else None
        if reply_to is not None:
            subject_source, known = reply_to
        else:
            subject_source, known = post_subject_language(post, chosen=settled.get(pk)), {}
        jobs.append(
            PostJob(
                post=post,
                source=source,
                digest=source_digest(subject, content),
                rows=rows,
                engine=engine or engine_for_post(post),
                subject=Field.of(rest, subject_source, glossary, rows[0].glossary, prefix, known),
                content=Field.of(content, source, glossary, rows[0].glossary),
            )
        )
    if not_needed:
        # The source is in that language after all (detected, or the author's choice), or in
        # none of ours: nothing to translate it from.
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
    with heartbeat.holding(posts=post_ids):  # the claims last while this run does
        announce_rest(post_ids, batch)
        try:
            return translate_batch_of_posts(post_id, post_ids, engine=engine)
        except BaseException:
            release_claims([pk for pk in post_ids if pk != post_id])
            raise


def translate_batch_of_posts(
    post_id: int, post_ids: list[int], *, engine: Engine | None
) -> PipelineResult:
    result = PipelineResult(translated=[])
    jobs = prepare_jobs(post_ids, engine=engine) if post_ids else []
    # One engine call per engine and language pair: the fields of every post, together.
    groups: dict[tuple[str, str, str], list[tuple[PostJob, PostTranslation, Field]]] = defaultdict(
        list
    )
    for job in jobs:
        for row in job.rows:
            for text in (job.subject, job.content):
                if text.needs_engine(row.language):
                    groups[(job.engine.name, text.source, row.language)].append((job, row, text))

    answers: dict[tuple[int, int], list[str]] = {}  # (row, id of the field) → its segments
    failed: set[int] = set()
    for (_name, source, target), items in groups.items():
        owners = {}
        for _job, _row, text in items:
            for index, item in enumerate(text.protected):
                owners[item.text] = (text.document, index, item)

        def accepts(text: str, translated: str, owners=owners, target=target) -> bool:
            doc, index, item = owners[text]
            restored = item.restore(translated, target)
            return restored is not None and doc.accepts(index, restored)

        segments = [segment for _job, _row, text in items for segment in text.segments]
        try:
            raw, sent = translate_segments(
                segments, source=source, target=target, engine=items[0][0].engine, accepts=accepts
            )
        except PermanentTranslationError as error:
            rows = {row.pk for _job, row, _text in items}
            failed |= rows
            PostTranslation.objects.filter(pk__in=rows).update(
                status=Status.FAILED, last_error=str(error)[:2000], retry_at=None
            )  # no retry by itself: the same text would fail the same way
            continue
        result.segments_sent += sent
        offset = 0
        for _job, row, text in items:
            segment_answers = raw[offset : offset + len(text.protected)]
            offset += len(text.protected)
            answers[row.pk, id(text)] = [
                item.restore(translated, target) or item.source
                for item, translated in zip(text.protected, segment_answers, strict=True)
            ]

    writes: list[tuple[PostJob, PostTranslation, str, str]] = [
        (
            job,
            row,
            job.subject.written(row.language, answers.get((row.pk, id(job.subject)))),
            job.content.written(row.language, answers.get((row.pk, id(job.content)))),
        )
        for job in jobs
        for row in job.rows
        if row.pk not in failed
    ]

    render = markup_renderer()
    # Rendered before the transaction: on SQLite it holds the one write lock of the site.
    rendered = [render(new_content) for _job, _row, _subject, new_content in writes]
    done: set[int] = set()
    write = ResultWriter()
    with transaction.atomic(), connection.cursor() as cursor:
        for (job, row, new_subject, new_content), html in zip(writes, rendered, strict=True):
            written = write(
                cursor,
                row,
                digest=job.digest,
                source_language=job.source,
                subject=new_subject[:255],
                content=new_content,
                content_rendered=html,
                engine=job.engine.name,
            )
            if written and job.post.pk == post_id:
                result.translated.append(row.language)
            if written:
                done.add(job.post.pk)
        if done:
            transaction.on_commit(
                lambda: posts_translated.send(sender=PostTranslation, post_ids=sorted(done))
            )
    return result


class ResultWriter:
    """One UPDATE a finished translation, its SQL made once per batch.

    The same statement as ``PostTranslation.objects.filter(pk=…, source_digest__in=[the
    row's, the new], reviewed_at__isnull=True).update(…)``: written only over the source it
    was computed from (see source_digest), never over a translator's text that landed
    meanwhile. The ORM compiled that query again for every row (about an eighth of a
    batch's CPU time, engine calls aside, in the bench's profile); one UPDATE a row stays
    (``bulk_update``'s CASE expressions cost SQLite more) and tells, by its row count,
    which rows were written.
    """

    COLUMNS = (
        "source_digest",
        "source_language",
        "status",
        "subject",
        "content",
        "content_rendered",
        "engine",
        "last_error",
        "retry_at",
        "translated_at",
    )

    def __init__(self) -> None:
        meta = PostTranslation._meta
        quote = connection.ops.quote_name
        fields = {field.name: field for field in meta.concrete_fields}
        self.fields = [fields[name] for name in self.COLUMNS]
        assignments = ", ".join(f"{quote(field.column)} = %s" for field in self.fields)
        conditions = (
            f"{quote(fields['id'].column)} = %s "
            f"AND {quote(fields['source_digest'].column)} IN (%s, %s) "
            f"AND {quote(fields['reviewed_at'].column)} IS NULL"
        )
        table = quote(meta.db_table)
        # The names are the model's; every value is a parameter.
        self.sql = f"UPDATE {table} SET {assignments} WHERE {conditions}"  # noqa: S608

    def __call__(
        self,
        cursor,
        row: PostTranslation,
        *,
        digest: str,
        source_language: str,
        subject: str,
        content: str,
        content_rendered: str,
        engine: str,
    ) -> bool:
        values = (
            digest,
            source_language,
            Status.DONE.value,
            subject,
            content,
            content_rendered,
            engine,
            "",
            None,
            timezone.now(),
        )
        params = [
            field.get_db_prep_save(value, connection)
            for field, value in zip(self.fields, values, strict=True)
        ]
        cursor.execute(self.sql, [*params, row.pk, row.source_digest, digest])
        return cursor.rowcount > 0
