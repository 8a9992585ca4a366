"""The search documents kept in step with what they index (forum.models.SearchDocument).

A post is indexed as written (its subject and content, in the language it is written in)
and once per finished translation; a page or forum once per language its texts are written
in and once per language they are translated into (translations made from the text as it
is now). The database turns each row into words with that language's stemming
(forum.fulltext); here we only write plain text.

Rows are rewritten in the transaction that changes what they index (a post saved, edited or
deleted; its language found; a translation written; a page's or forum's texts recorded,
translated or forgotten), so an index never runs ahead of, or behind, what is committed.
`rebuild_search_index` fills it for existing sites.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from html import unescape
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils.html import strip_tags
from machina.core.db.models import get_model
from wagtail.models import get_page_models

from translations.models import (
    OTHER_LANGUAGE,
    PostLanguage,
    PostTranslation,
    TextSource,
    TextTranslation,
)

from . import forum_names
from .models import SearchDocument

Forum: Any = get_model("forum", "Forum")
Post: Any = get_model("forum_conversation", "Post")

Kind = SearchDocument.Kind
#: Posts indexed per batch by `rebuild`.
CHUNK = 2000
#: The markers forum.fulltext asks the database to put around a found word: never in a text.
MARKERS = re.compile("[\x02\x03]")
MARKDOWN_LINK = re.compile(r"\]\([^)]*\)")


def plain(text: str, *, html: bool) -> str:
    """The words a reader sees: no tags, no link addresses, entities decoded."""
    text = unescape(strip_tags(text)) if html else MARKDOWN_LINK.sub("]", text)
    return MARKERS.sub(" ", text).strip()


def searchable_language(code: str | None) -> str:
    return "" if not code or code == OTHER_LANGUAGE else code


# ---------------------------------------------------------------------------
# Posts
# ---------------------------------------------------------------------------
def post_documents(post_ids: Iterable[int]) -> Iterator[SearchDocument]:
    post_ids = list(post_ids)
    written_in = dict(
        PostLanguage.objects.filter(post_id__in=post_ids).values_list("post_id", "language")
    )
    originals = Post.objects.filter(pk__in=post_ids).values_list(
        "pk", "subject", "_content_rendered"
    )
    for post_id, subject, rendered in originals:
        yield SearchDocument(
            kind=Kind.POST,
            object_id=post_id,
            language=searchable_language(written_in.get(post_id)),
            title=plain(subject or "", html=False),
            body=plain(rendered or "", html=True),
        )
    translations = PostTranslation.objects.filter(
        post_id__in=post_ids, status=PostTranslation.Status.DONE
    ).values_list("post_id", "language", "subject", "content_rendered")
    for post_id, language, subject, rendered in translations:
        if language == written_in.get(post_id):
            continue  # the original already says it
        yield SearchDocument(
            kind=Kind.POST,
            object_id=post_id,
            language=language,
            title=plain(subject, html=False),
            body=plain(rendered, html=True),
        )


def index_posts(post_ids: Iterable[int]) -> None:
    post_ids = sorted(set(post_ids))
    if not post_ids:
        return
    SearchDocument.objects.filter(kind=Kind.POST, object_id__in=post_ids).delete()
    SearchDocument.objects.bulk_create(post_documents(post_ids), batch_size=500)


def index_post_translations(post_ids: Iterable[int]) -> None:
    """Re-index the translations of these posts, the same queries for any number of posts.

    A run of the translation pipeline writes translations only: a post's row for its
    original, kept in step by the receivers of the post and of its language, is left as
    it is (reading and stripping every post's HTML again was a third of the refresh). A
    post whose original has no row in the language it is written in (not indexed yet, or
    its language changed by a bulk update) is indexed whole, as `index_posts` does.
    """
    post_ids = sorted(set(post_ids))
    if not post_ids:
        return
    written_in = dict(
        PostLanguage.objects.filter(post_id__in=post_ids).values_list("post_id", "language")
    )
    rows = SearchDocument.objects.filter(kind=Kind.POST, object_id__in=post_ids).values_list(
        "pk", "object_id", "language"
    )
    in_step: set[int] = set()
    others: list[int] = []
    for pk, object_id, language in rows:
        if object_id not in in_step and language == searchable_language(written_in.get(object_id)):
            in_step.add(object_id)
        else:
            others.append(pk)
    SearchDocument.objects.filter(pk__in=others).delete()
    translations = PostTranslation.objects.filter(
        post_id__in=in_step, status=PostTranslation.Status.DONE
    ).values_list("post_id", "language", "subject", "content_rendered")
    SearchDocument.objects.bulk_create(
        [
            SearchDocument(
                kind=Kind.POST,
                object_id=post_id,
                language=language,
                title=plain(subject, html=False),
                body=plain(rendered, html=True),
            )
            for post_id, language, subject, rendered in translations
            if language != written_in.get(post_id)  # the original already says it
        ],
        batch_size=500,
    )
    index_posts(pk for pk in post_ids if pk not in in_step)


# ---------------------------------------------------------------------------
# Pages and forums (their texts: translations.models.TextSource)
# ---------------------------------------------------------------------------
def kind_of_content_type(content_type_id: int) -> str | None:
    if content_type_id == ContentType.objects.get_for_model(Forum).pk:
        return Kind.FORUM
    page_types = {ContentType.objects.get_for_model(model).pk for model in get_page_models()}
    return Kind.PAGE if content_type_id in page_types else None


def text_documents(content_type_id: int, object_ids: Iterable[int]) -> list[SearchDocument]:
    """One row per (object, language): its texts written in it, or translated into it."""
    kind = kind_of_content_type(content_type_id)
    if kind is None:
        return []
    sources = list(
        TextSource.objects.filter(
            content_type_id=content_type_id, object_id__in=list(object_ids)
        ).order_by("object_id", "position", "pk")
    )
    # (object, language) → [(position, field, text)]
    versions: dict[tuple[int, str], list[tuple[int, str, str]]] = defaultdict(list)
    written: dict[int, str] = {}
    for source in sources:
        language = searchable_language(source.language or source.fallback_language)
        written[source.pk] = language
        text = plain(source.text, html=source.kind == TextSource.Kind.HTML)
        versions[source.object_id, language].append((source.position, source.field, text))
    translations = (
        TextTranslation.objects.filter(
            source__in=sources,
            status=TextTranslation.Status.DONE,
            source_digest=F("source__digest"),
        )
        .select_related("source")
        .only("language", "text", "source__object_id", "source__field", "source__kind")
    )
    for row in translations:
        if row.language == written.get(row.source_id):
            continue
        source = row.source
        text = plain(row.text, html=source.kind == TextSource.Kind.HTML)
        versions[source.object_id, row.language].append((source.position, source.field, text))
    documents = []
    for (object_id, language), texts in versions.items():
        texts.sort()
        titles = [text for _position, field, text in texts if field in ("title", "name")]
        others = [text for _position, field, text in texts if field not in ("title", "name")]
        documents.append(
            SearchDocument(
                kind=kind,
                object_id=object_id,
                language=language,
                title=" ".join(titles),
                body="\n".join(others),
            )
        )
    return documents


def index_texts(objects: Iterable[tuple[int, int]]) -> None:
    """Re-index these (content type id, object id) pairs.

    Only the rows that differ are written: machina saves a forum (and its parents) at every
    post to keep its counters, and a save that changes none of the forum's texts must take
    no lock on its rows, or it deadlocks with the worker writing the same forums' translated
    texts in another order (each waits for a row the other holds).
    """
    by_type: dict[int, set[int]] = defaultdict(set)
    for content_type_id, object_id in objects:
        by_type[content_type_id].add(object_id)
    for content_type_id, object_ids in sorted(by_type.items()):
        kind = kind_of_content_type(content_type_id)
        if kind is None:
            continue
        wanted = {
            (document.object_id, document.language): document
            for document in text_documents(content_type_id, object_ids)
        }
        existing = SearchDocument.objects.filter(kind=kind, object_id__in=object_ids).values_list(
            "pk", "object_id", "language", "title", "body"
        )
        stale: list[int] = []
        for pk, object_id, language, title, body in existing.order_by("pk"):
            document = wanted.get((object_id, language))
            if document is not None and (document.title, document.body) == (title, body):
                del wanted[object_id, language]  # in step: left alone
            else:
                stale.append(pk)
        if stale:
            SearchDocument.objects.filter(pk__in=stale).delete()
        if wanted:
            SearchDocument.objects.bulk_create(wanted.values())


def index_object(obj) -> None:
    index_texts([(ContentType.objects.get_for_model(obj).pk, obj.pk)])


# ---------------------------------------------------------------------------
# The whole index
# ---------------------------------------------------------------------------
def rebuild(*, full: bool = False) -> dict[str, int]:
    """Index what has no row yet (``full``: everything again). Returns the counts indexed.

    Cheap when nothing is missing (`./dev run` calls it at every start); existing rows are
    kept in step by the receivers below, so ``full`` is only needed after a change of how
    texts are indexed.
    """
    if full:
        SearchDocument.objects.all().delete()
    indexed_posts = SearchDocument.objects.filter(kind=Kind.POST).values("object_id")
    missing = Post.objects.exclude(pk__in=indexed_posts).order_by("pk").values_list("pk", flat=True)
    posts = 0
    last = 0
    while True:
        chunk = list(missing.filter(pk__gt=last)[:CHUNK])
        if not chunk:
            break
        index_posts(chunk)
        posts += len(chunk)
        last = chunk[-1]
    objects = 0
    indexed_texts = set(
        SearchDocument.objects.exclude(kind=Kind.POST).values_list("kind", "object_id")
    )
    wanted = set(TextSource.objects.values_list("content_type_id", "object_id").distinct())
    todo = [
        (content_type_id, object_id)
        for content_type_id, object_id in wanted
        if (kind_of_content_type(content_type_id), object_id) not in indexed_texts
    ]
    index_texts(todo)
    objects = len(todo)
    return {"posts": posts, "objects": objects}


# ---------------------------------------------------------------------------
# Receivers (connected in forum.apps)
# ---------------------------------------------------------------------------
def post_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        index_posts([instance.pk])


def post_deleted(sender, instance, **kwargs) -> None:
    SearchDocument.objects.filter(kind=Kind.POST, object_id=instance.pk).delete()


def post_language_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        index_posts([instance.post_id])


def post_translation_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        index_posts([instance.post_id])


def posts_translated(sender, post_ids, **kwargs) -> None:
    """translations.signals.posts_translated (sent on commit: the rows are there)."""
    index_post_translations(post_ids)


def text_source_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        index_texts([(instance.content_type_id, instance.object_id)])


def text_translation_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    source = TextSource.objects.filter(pk=instance.source_id).first()
    if source is not None:
        index_texts([(source.content_type_id, source.object_id)])


def texts_translated(sender, sources, **kwargs) -> None:
    """translations.signals.texts_translated: (content type id, object id) pairs."""
    index_texts(sources)


def page_changed(sender, instance, **kwargs) -> None:
    """A page published or unpublished: its texts may have been recorded by a bulk update."""
    index_object(instance)


def page_deleted(sender, instance, **kwargs) -> None:
    SearchDocument.objects.filter(kind=Kind.PAGE, object_id=instance.pk).delete()


def forum_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    """A forum saved (renamed): after forum.forum_names has recorded its texts."""
    if not raw and forum_names.texts_changed(
        instance, kwargs.get("created", False), seen_by="search_index"
    ):
        index_object(instance)


def forum_deleted(sender, instance, **kwargs) -> None:
    SearchDocument.objects.filter(kind=Kind.FORUM, object_id=instance.pk).delete()
