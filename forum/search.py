"""Forum search across languages: a post is found by words of its original or of any of its
translations, and shown in the reader's language.

Replaces machina's haystack search (which only knows the original text) on the same path.
Matching is a case-insensitive substring match per word (every word must occur), the same
on SQLite and PostgreSQL; only forums the reader may read are searched.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import get_language
from django.views.generic import TemplateView
from machina.core.db.models import get_model

from translations.display import reader_languages, shown_posts
from translations.models import PostTranslation

from .independent import without_hidden_answers
from .permission_handler import PermissionHandler

Forum: Any = get_model("forum", "Forum")
Post: Any = get_model("forum_conversation", "Post")

PAGE_SIZE = 20
MAX_WORDS = 8


def search_words(query: str) -> list[str]:
    words = [word.strip("\"'.,;:!?¿¡()") for word in query.split()]
    return [word for word in dict.fromkeys(words) if len(word) >= 2][:MAX_WORDS]


def search_posts(words: list[str], *, forums: QuerySet, user=None) -> QuerySet:
    """Approved posts of ``forums`` in which every word occurs, in any language version.

    Answers to a "post before you see the others" question stay out of the results of a
    ``user`` who has not answered it yet, as they stay off the topic page.
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
    if user is not None:
        posts = without_hidden_answers(posts, user)
    return posts.select_related("topic", "topic__forum", "poster").order_by("-created", "-pk")


class ForumRequest(HttpRequest):
    """A request that went through the forum's permission middleware."""

    forum_permission_handler: PermissionHandler


class SearchView(TemplateView):
    request: ForumRequest

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
        context.update(
            query=query,
            searched=bool(words),
            page_obj=page,
            results=shown_posts(list(page.object_list), language=language, reads=reads),
        )
        return context
