"""What a reader sees of each post: the translation in their language, or the original.

Pure functions of posts and the reader's languages (no request): the forum's template
tag gives them the request's part. Two queries for a whole page of posts, however long.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from machina.core.db.models import get_model

from members.languages import LANGUAGE_NAMES
from members.profiles import get_profile
from members.request_memo import per_request
from translations.models import OTHER_LANGUAGE, PostLanguage, PostTranslation
from translations.pipeline.recording import split_reply_prefix

Status = PostTranslation.Status


@dataclass
class ShownPost:
    #: machina's Post (or an override of it, through get_model): machina ships no types.
    post: Any
    #: The language the post is written in, when known.
    language: str | None
    #: "original" (a language the reader reads), "machine", "reviewed" (by a translator),
    #: "pending", "failed", or "other" (written in none of the site's languages).
    state: str
    subject: str
    html: SafeString
    translated_subject: str = ""
    translated_html: SafeString = SafeString("")
    #: The reader asked for the original instead of the translation.
    showing_original: bool = False
    #: The language of the translation shown.
    target: str = ""

    #: The translation row shown (for a translator's "Edit translation" link).
    translation_id: int | None = None
    #: Where the post is, set by a page that links to it rather than showing it.
    url: str = ""
    #: The link that swaps translation and original, set by the template tag showing both.
    toggle_url: str = ""

    @property
    def has_translation(self) -> bool:
        return self.state in ("machine", "reviewed")

    @property
    def language_name(self) -> str | Promise:
        return LANGUAGE_NAMES.get(self.language or "", "")

    @property
    def label(self) -> str | Promise:
        if self.state == "machine":
            return _("Machine-translated from %(language)s") % {"language": self.language_name}
        if self.state == "reviewed":
            return _("Translated from %(language)s, reviewed by a translator") % {
                "language": self.language_name
            }
        if self.state == "pending":
            return _("Translation in progress")
        if self.state == "failed":
            return _("Translation unavailable")
        if self.state == "other":
            return _("Written in another language; not translated")
        return ""


def shown_posts(
    posts: Sequence,
    *,
    language: str,
    reads: Iterable[str] = (),
    show_original: Iterable[int] = (),
) -> list[ShownPost]:
    """Each post as the reader should see it, with its original kept beside it."""
    post_ids = [post.pk for post in posts]
    reads = {language, *reads}
    show_original = set(show_original)
    written_in = dict(
        PostLanguage.objects.filter(post_id__in=post_ids).values_list("post_id", "language")
    )
    translations = {
        row.post_id: row
        for row in PostTranslation.objects.filter(post_id__in=post_ids, language=language).only(
            "post_id", "status", "subject", "content_rendered", "source_language", "reviewed_at"
        )
    }
    shown = []
    for post in posts:
        source = written_in.get(post.pk)
        row = translations.get(post.pk)
        if row is not None and row.source_language:
            source = source or row.source_language
        item = ShownPost(
            post=post,
            language=source,
            state="original",
            subject=post.subject,
            html=post.content.rendered if post.content is not None else SafeString(""),
        )
        if source == OTHER_LANGUAGE:
            # No language to name (nor to put in a `lang` attribute), nothing translated.
            item.language, item.state = None, "other"
            shown.append(item)
            continue
        if source in reads or row is None:
            shown.append(item)
            continue
        item.translation_id = row.pk
        if row.status == Status.DONE:
            item.state = "reviewed" if row.reviewed_at else "machine"
            item.target = language
            item.translated_subject = row.subject
            # Rendered with machina's renderer and sanitised by nh3 when it was written.
            item.translated_html = SafeString(row.content_rendered)
            item.showing_original = post.pk in show_original
        else:
            item.state = "pending" if row.status == Status.PENDING else "failed"
        shown.append(item)
    show_reply_subjects(shown, language=language, reads=reads)
    return shown


def reader_languages(user, interface_language: str) -> tuple[str, set[str]]:
    """The language to translate into and every language the reader reads as written.

    A member's preferred language, else the interface language (a visitor's choice).
    """
    profile = get_profile(user)
    if profile is None:
        language = (interface_language or "en")[:2]
        language = language if language in LANGUAGE_NAMES else "en"
        return language, {language}
    return profile.preferred_language, profile.languages_read()


def show_reply_subjects(items: list[ShownPost], *, language: str, reads: set[str]) -> None:
    """A reply's "Re: <its topic's subject>" shown as the topic's subject is shown.

    The subject of a reply is the topic's, in the topic's language, whatever the reply's:
    a French reader of a French reply under a Spanish topic gets "Re: " and the topic's
    French translation, a Spanish reader the Spanish as written. Three queries for a page,
    only when it has replies; the rest of the subject as written is kept when it is not
    the topic's subject, or while the topic's translation is not ready.
    """
    replies = []
    for item in items:
        prefix, rest = split_reply_prefix(item.subject or "")
        if prefix:
            replies.append((item, prefix, rest.strip()))
    if not replies:
        return
    Topic = get_model("forum_conversation", "Topic")
    Post = get_model("forum_conversation", "Post")
    topics = {}
    for item, _prefix, _rest in replies:  # a topic page's posts come with their topic
        if Post.topic.is_cached(item.post):
            topic = item.post.topic
            topics[topic.pk] = (topic.subject.strip(), topic.first_post_id)
    missing = {item.post.topic_id for item, _prefix, _rest in replies} - set(topics)
    if missing:
        topics.update(
            (pk, (subject.strip(), first_post_id))
            for pk, subject, first_post_id in Topic.objects.filter(pk__in=missing).values_list(
                "pk", "subject", "first_post_id"
            )
        )
    answering = {}
    for item, prefix, rest in replies:
        subject, first_post_id = topics.get(item.post.topic_id, ("", None))
        if first_post_id not in (None, item.post.pk) and rest == subject:
            answering[item.post.pk] = (item, prefix, first_post_id)
    as_read = topic_subjects_as_read(
        [(key, first) for key, (_item, _prefix, first) in answering.items()],
        language=language,
        reads=reads,
    )
    for key, subject in as_read.items():
        item, prefix, _first = answering[key]
        if item.has_translation:
            item.translated_subject = prefix + subject
        else:
            item.subject = prefix + subject


def topic_subjects_as_read(
    posts: Iterable[tuple[int, int]], *, language: str, reads: Iterable[str] = ()
) -> dict[int, str]:
    """The subjects of first posts as the reader reads them, by key (``posts``: pairs of a
    key and a first post's id): as written in a language they read, else translated; none
    while the translation is not ready."""
    post_of = dict(posts)
    if not post_of:
        return {}
    reads = {language, *reads}
    translated = translated_subjects(post_of.items(), language=language, reads=reads)
    Post = get_model("forum_conversation", "Post")
    written = dict(
        Post.objects.filter(
            pk__in=set(post_of.values()), puentes_language__language__in=reads
        ).values_list("pk", "subject")
    )
    return {
        key: translated.get(key) or written[post_id]
        for key, post_id in post_of.items()
        if key in translated or post_id in written
    }


def translated_subjects(
    posts: Iterable[tuple[int, int]], *, language: str, reads: Iterable[str] = ()
) -> dict[int, str]:
    """Translated subjects by key, for lists of topics: ``posts`` pairs (key, post id).

    One query: the done translations into ``language`` whose source the reader does not read;
    asked once per page (a topic's subject is in its title, heading, posts and reply form).
    """
    return dict(_translated_subjects(tuple(posts), language, tuple(sorted(set(reads)))))


@per_request
def _translated_subjects(
    posts: tuple[tuple[int, int], ...], language: str, reads: tuple[str, ...]
) -> dict[int, str]:
    post_of = {key: post_id for key, post_id in posts if post_id}
    subjects = dict(
        PostTranslation.objects.filter(
            post_id__in=set(post_of.values()), language=language, status=Status.DONE
        )
        .exclude(source_language__in={language, *reads})
        .exclude(subject="")
        .values_list("post_id", "subject")
    )
    return {key: subjects[post_id] for key, post_id in post_of.items() if post_id in subjects}
