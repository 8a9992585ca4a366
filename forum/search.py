"""Forum search across languages: a post is found by words of its original or of any of its
translations, and shown in the reader's language.

Replaces machina's haystack search (which only knows the original text) on the same path.
Matching is a case-insensitive substring match per word (every word must occur), the same
on SQLite and PostgreSQL; only forums the reader may read are searched.

Pages (a course, its weeks, the case studies) and forums are found the same way, by the
words of their texts as written or as translated (`translations.texts`: every word somewhere
in the page, in any language), and shown in the reader's language with their provenance
label. Only pages Wagtail would serve the reader (live, under no unpublished page, past
every view restriction) and forums they may read are searched (`forum.readable_texts`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from html import unescape
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import F, Q, QuerySet
from django.http import HttpRequest
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.views.generic import TemplateView
from machina.core.db.models import get_model
from wagtail.models import Page

from courses.models import CaseStudyPage, CoursePage, WeekPage
from translations.display import reader_languages, shown_posts
from translations.models import PostTranslation, TextSource, TextTranslation
from translations.shown_texts import ObjectTexts, texts_of

from .independent import without_hidden_answers
from .permission_handler import PermissionHandler
from .readable_texts import (
    ForumRequest,
    forum_content_type_id,
    readable_forum_ids,
    visible_page_ids,
)

Forum: Any = get_model("forum", "Forum")
Post: Any = get_model("forum_conversation", "Post")

PAGE_SIZE = 20
MAX_WORDS = 8
#: Pages and forums shown at most (the most relevant first: the tree's order).
MAX_PAGES = 30
#: The pages search finds: the course, its weeks and their case studies.
SEARCHED_PAGES = (CoursePage, WeekPage, CaseStudyPage)


def search_words(query: str) -> list[str]:
    words = [word.strip("\"'.,;:!?¿¡()") for word in query.split()]
    return [word for word in dict.fromkeys(words) if len(word) >= 2][:MAX_WORDS]


def search_posts(words: list[str], *, forums: QuerySet, user: User | AnonymousUser) -> QuerySet:
    """Approved posts of ``forums`` in which every word occurs, in any language version.

    Answers to a "post before you see the others" question stay out of the results of a
    ``user`` who has not answered it yet, as they stay off the topic page: every caller
    names its reader.
    """
    if not words:
        return Post.objects.none()
    posts = Post.approved_objects.filter(topic__forum__in=forums, topic__approved=True)
    for word in words:
        in_translation = PostTranslation.objects.filter(
            Q(subject__icontains=word) | Q(content__icontains=word)
        ).values("post_id")
        posts = posts.filter(
            Q(subject__icontains=word) | Q(content__icontains=word) | Q(pk__in=in_translation)
        )
    posts = without_hidden_answers(posts, user)
    return posts.select_related("topic", "topic__forum", "poster").order_by("-created", "-pk")


def current_translations() -> QuerySet[TextTranslation]:
    """Translations made from the text as it is now (a stale one is not what the page says)."""
    return TextTranslation.objects.filter(
        status=TextTranslation.Status.DONE, source_digest=F("source__digest")
    )


def objects_with_words(words: list[str], sources: QuerySet[TextSource]) -> set[int]:
    """The ids of the objects whose texts (as written or as translated into any language)
    hold every word, each word anywhere in them; words of the markup (a tag, a link's
    address) do not count."""
    found: set[int] | None = None
    for word in words:
        in_translation = current_translations().filter(text__icontains=word).values("source_id")
        ids = set(
            sources.filter(Q(text__icontains=word) | Q(pk__in=in_translation)).values_list(
                "object_id", flat=True
            )
        )
        found = ids if found is None else found & ids
        if not found:
            return set()
    candidates = sources.filter(object_id__in=found or set())
    versions: dict[int, list[str]] = defaultdict(list)
    for object_id, text in candidates.values_list("object_id", "text"):
        versions[object_id].append(text)
    for object_id, text in (
        current_translations()
        .filter(source__in=candidates)
        .values_list("source__object_id", "text")
    ):
        versions[object_id].append(text)
    plain = {
        object_id: unescape(strip_tags(" ".join(texts))).casefold()
        for object_id, texts in versions.items()
    }
    return {
        object_id
        for object_id, text in plain.items()
        if all(word.casefold() in text for word in words)
    }


@dataclass
class FoundPage:
    page: Page
    texts: ObjectTexts

    @property
    def kind(self) -> str:
        return str(self.page.specific_class._meta.verbose_name)

    def excerpt(self) -> str:
        """The first text after the title, as the reader gets it."""
        for name, text in self.texts.texts.items():
            if name != "title" and text.shown:
                return strip_tags(text.shown)
        return ""


def search_pages(words: list[str], request: ForumRequest, *, language: str, reads) -> list:
    """The pages this request may see that hold every word, in the reader's language."""
    if not words:
        return []
    types = [ContentType.objects.get_for_model(model).pk for model in SEARCHED_PAGES]
    ids = objects_with_words(words, TextSource.objects.filter(content_type_id__in=types))
    visible = visible_page_ids(request, Page.objects.filter(pk__in=ids))
    pages = list(Page.objects.filter(pk__in=visible).order_by("path").specific()[:MAX_PAGES])
    shown = texts_of(pages, language=language, reads=reads)
    return [FoundPage(page, texts) for page, texts in zip(pages, shown, strict=True)]


def search_forums(
    words: list[str], request: ForumRequest, *, language: str, reads
) -> list[tuple[object, ObjectTexts]]:
    """The forums the reader may read whose name or description holds every word."""
    if not words:
        return []
    ids = objects_with_words(
        words, TextSource.objects.filter(content_type_id=forum_content_type_id())
    )
    readable = readable_forum_ids(request, ids)
    forums = list(Forum.objects.filter(pk__in=readable).order_by("tree_id", "lft")[:MAX_PAGES])
    shown = texts_of(forums, language=language, reads=reads)
    return list(zip(forums, shown, strict=True))


class SearchRequest(HttpRequest):
    """A request that went through the forum's permission middleware."""

    forum_permission_handler: PermissionHandler


class SearchView(TemplateView):
    request: SearchRequest

    template_name = "cohort_forum/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()
        words = search_words(query)
        readable = self.request.forum_permission_handler.get_readable_forums(
            Forum.objects.all(), self.request.user
        )
        found = search_posts(words, forums=readable, user=self.request.user)
        page = Paginator(found, PAGE_SIZE).get_page(self.request.GET.get("page"))
        language, reads = reader_languages(self.request.user, get_language())
        first_page = page.number == 1
        context.update(
            query=query,
            searched=bool(words),
            page_obj=page,
            results=shown_posts(list(page.object_list), language=language, reads=reads),
            # Pages and forums head the first page of results.
            pages=search_pages(words, self.request, language=language, reads=reads)
            if first_page
            else [],
            forums=search_forums(words, self.request, language=language, reads=reads)
            if first_page
            else [],
        )
        return context
