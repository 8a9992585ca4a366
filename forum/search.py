"""Forum search across languages: a post, page or forum is found by the words of its original
or of any of its translations, and shown in the reader's language.

Replaces machina's haystack search (which only knows the original text) on the same path.
Matching is full-text (forum.fulltext: stemmed words, accents ignored, ranked, the words
found marked in the excerpt) over the search documents kept by forum.search_index; every
word must occur in one version of the object (its original, or one translation).

Only what the reader may see is searched: posts of forums they may read, approved, less
the answers still hidden from them (forum.independent) — a subquery of the one statement
that counts and pages the hits; pages Wagtail would serve them (live, under no unpublished
page, past every view restriction) and forums they may read (`forum.readable_texts`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.contrib.auth.models import AnonymousUser, User
from django.core.paginator import Page as ResultsPage
from django.core.paginator import Paginator
from django.db.models import F, Q, QuerySet
from django.http import HttpRequest
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.views.generic import TemplateView
from machina.core.db.models import get_model
from wagtail.models import Page

from courses.models import CaseStudyPage, CoursePage, WeekPage
from translations.display import ShownPost, reader_languages, shown_posts
from translations.shown_texts import ObjectTexts, texts_of

from . import fulltext
from .independent import hidden_topics
from .models import QuestionTopic, SearchDocument
from .permission_handler import PermissionHandler
from .readable_texts import ForumRequest, readable_forum_ids, visible_page_ids
from .search_index import searchable_language

Forum: Any = get_model("forum", "Forum")
Post: Any = get_model("forum_conversation", "Post")
Kind = SearchDocument.Kind

PAGE_SIZE = 20
#: The longest query taken (longer is cut: a query is words, not a text).
MAX_QUERY = 200
#: Pages and forums shown at most (the best matches first).
MAX_PAGES = 30
#: The pages search finds: the course, its weeks and their case studies.
SEARCHED_PAGES = (CoursePage, WeekPage, CaseStudyPage)


def readable_posts(forums, user: User | AnonymousUser) -> QuerySet:
    """The posts ``user`` may find: approved, in approved topics of ``forums``, less the
    answers to a "post before you see the others" question they have not answered yet
    (forum.independent: the rule every list of posts applies)."""
    posts = Post.approved_objects.filter(topic__forum__in=forums, topic__approved=True)
    # Only question topics can hide their answers: ask about those, not every topic.
    questions = QuestionTopic.objects.filter(topic__forum__in=forums, retired=False)
    hidden = hidden_topics(questions.values_list("topic_id", flat=True), user)
    if hidden:
        posts = posts.exclude(Q(topic_id__in=hidden) & ~Q(pk=F("topic__first_post_id")))
    return posts


class FoundPosts:
    """The posts found, page by page, for django's Paginator: one query a page (the
    database counts the hits in the statement that returns the page). At most
    `fulltext.MAX_MATCHES` posts, the newest that match, are ranked and paged; `more` says
    when more match."""

    def __init__(self, query: str, allowed: QuerySet) -> None:
        self.query, self.allowed = query, allowed
        self._matches: fulltext.Matches | None = None

    def _counted(self) -> fulltext.Matches:
        if self._matches is None:
            self._matches = fulltext.match(Kind.POST, self.query, allowed=self.allowed, limit=1)
        return self._matches

    def count(self) -> int:
        return self._counted().ranked

    @property
    def more(self) -> bool:
        return self._counted().more

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list:
        offset, stop = window.start or 0, window.stop
        matches = fulltext.match(
            Kind.POST, self.query, allowed=self.allowed, limit=stop - offset, offset=offset
        )
        self._matches = matches
        found = matches.found
        posts = Post.objects.select_related("topic", "topic__forum", "poster").in_bulk(
            [item.object_id for item in found]
        )
        return [posts[item.object_id] for item in found if item.object_id in posts]


def results_page(query: str, allowed: QuerySet, number: str | None) -> ResultsPage:
    """The page of results asked for; the count comes with it (one query), except when
    the number asked is past the end. ``page.paginator.object_list.more``: more posts
    match than are ranked and counted."""
    found = FoundPosts(query, allowed)
    paginator: Paginator[Any] = Paginator(cast(Any, found), PAGE_SIZE)
    try:
        wanted = max(int(number or 1), 1)
    except ValueError:
        wanted = 1
    # No page past the ranked ones (asking for one would read every match to count them).
    wanted = min(wanted, -(-fulltext.MAX_MATCHES // PAGE_SIZE))
    items = found[(wanted - 1) * PAGE_SIZE : wanted * PAGE_SIZE]
    # The count is known now: the paginator asks no more.
    paginator.__dict__["count"] = found.count()
    if not items and wanted > 1:
        return paginator.get_page(paginator.num_pages)
    return ResultsPage(items, min(wanted, paginator.num_pages), paginator)


def shown_language(shown: ShownPost) -> str:
    """The language of the version of the post the reader gets."""
    return shown.target if shown.has_translation else searchable_language(shown.language)


@dataclass
class FoundPage:
    page: Page
    texts: ObjectTexts
    highlighted: SafeString | None = None

    @property
    def kind(self) -> str:
        return str(self.page.specific_class._meta.verbose_name)

    @cached_property
    def language(self) -> str:
        """The language of the texts the reader gets (for the excerpt)."""
        for name, text in self.texts.texts.items():
            if name != "title" and text.shown:
                return (
                    text.target
                    if text.has_translation and not text.showing_original
                    else searchable_language(text.language)
                )
        return ""

    def excerpt(self) -> str:
        """The first text after the title, as the reader gets it."""
        for name, text in self.texts.texts.items():
            if name != "title" and text.shown:
                return strip_tags(text.shown)
        return ""


def search_pages(query: str, request: ForumRequest, *, language: str, reads) -> list[FoundPage]:
    """The pages this request may see that hold every word, best first, in the reader's
    language."""
    _total, found = fulltext.match(Kind.PAGE, query)
    if not found:
        return []
    ids = [item.object_id for item in found]
    pages_of_types = Page.objects.filter(
        pk__in=ids, content_type__in=[_content_type(model) for model in SEARCHED_PAGES]
    )
    visible = fulltext.best_first(list(visible_page_ids(request, pages_of_types)), found)
    visible = visible[:MAX_PAGES]
    by_id = Page.objects.filter(pk__in=visible).specific().in_bulk()
    pages = [by_id[pk] for pk in visible if pk in by_id]
    shown = texts_of(pages, language=language, reads=reads)
    results = [FoundPage(page, texts) for page, texts in zip(pages, shown, strict=True)]
    marked = fulltext.excerpts(
        Kind.PAGE, query, [(item.page.pk, item.language) for item in results]
    )
    for item in results:
        item.highlighted = marked.get((item.page.pk, item.language))
    return results


def _content_type(model):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model)


def search_forums(
    query: str, request: ForumRequest, *, language: str, reads
) -> list[tuple[object, ObjectTexts]]:
    """The forums the reader may read whose name or description holds every word."""
    _total, found = fulltext.match(Kind.FORUM, query)
    if not found:
        return []
    ids = fulltext.best_first(
        list(readable_forum_ids(request, [item.object_id for item in found])), found
    )[:MAX_PAGES]
    by_id = Forum.objects.in_bulk(ids)
    forums = [by_id[pk] for pk in ids if pk in by_id]
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
        query = self.request.GET.get("q", "").strip()[:MAX_QUERY]
        searched = any(len(word) >= 2 for word in query.split())
        language, reads = reader_languages(self.request.user, get_language())
        context.update(query=query, searched=searched, pages=[], forums=[], results=[])
        if not searched:
            return context
        readable = self.request.forum_permission_handler.get_readable_forums(
            Forum.objects.all(), self.request.user
        )
        page = results_page(
            query, readable_posts(readable, self.request.user), self.request.GET.get("page")
        )
        results = shown_posts(list(page.object_list), language=language, reads=reads)
        marked = fulltext.excerpts(
            Kind.POST, query, [(shown.post.pk, shown_language(shown)) for shown in results]
        )
        for shown in results:
            # For the template: the excerpt with the words found marked, if any.
            setattr(shown, "highlighted", marked.get((shown.post.pk, shown_language(shown))))  # noqa: B010
        first_page = page.number == 1
        context.update(
            page_obj=page,
            results=results,
            # More posts match than are ranked: the count shown is "more than".
            more_results=cast(FoundPosts, page.paginator.object_list).more,
            # Pages and forums head the first page of results.
            pages=search_pages(query, self.request, language=language, reads=reads)
            if first_page
            else [],
            forums=search_forums(query, self.request, language=language, reads=reads)
            if first_page
            else [],
        )
        return context
