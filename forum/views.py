"""machina's views where Puentes needs more: the post language, a constant-query index,
and member profiles only for the people who may see them."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from machina.conf import settings as machina_settings
from machina.core.db.models import get_model
from machina.core.loading import get_class

from members import request_memo

from . import independent, quotes, tracking
from .forms import PostForm, TopicForm
from .member_visibility import may_see_member, readable_posts_by

Forum: Any = get_model("forum", "Forum")
ForumVisibilityContentTree: Any = get_class("forum.visibility", "ForumVisibilityContentTree")
MachinaIndexView: Any = get_class("forum.views", "IndexView")
MachinaTopicCreateView: Any = get_class("forum_conversation.views", "TopicCreateView")
MachinaTopicUpdateView: Any = get_class("forum_conversation.views", "TopicUpdateView")
MachinaPostCreateView: Any = get_class("forum_conversation.views", "PostCreateView")
MachinaPostUpdateView: Any = get_class("forum_conversation.views", "PostUpdateView")
MachinaTopicView: Any = get_class("forum_conversation.views", "TopicView")
MachinaLastTopicsFeed: Any = get_class("forum_feeds.feeds", "LastTopicsFeed")
MachinaForumProfileDetailView: Any = get_class("forum_member.views", "ForumProfileDetailView")
MachinaUserPostsView: Any = get_class("forum_member.views", "UserPostsView")
MachinaForumProfileUpdateView: Any = get_class("forum_member.views", "ForumProfileUpdateView")
Topic: Any = get_model("forum_conversation", "Topic")


class IndexView(MachinaIndexView):
    """machina's index follows each forum's last post, topic and poster one query at a time.

    We hand its permission filter a queryset that follows them, and the tree gets the
    filtered queryset: one query for every forum the reader may see.
    """

    def get_queryset(self):
        forums = self.request.forum_permission_handler.forum_list_filter(
            Forum.objects.select_related(
                "parent", "last_post", "last_post__poster", "last_post__topic"
            ),
            self.request.user,
        )
        return ForumVisibilityContentTree.from_forums(forums)


class SavedWhole:
    """A topic or post form saves whole or not at all: a database lost midway leaves no
    topic without its post (and the member gets their text back: cms/outage.py).

    While the form is built and checked (the forum's week and course, the reader's roles,
    the themes offered: the same questions asked by several of its parts) each is answered
    once; the memo closes before the save."""

    @method_decorator(transaction.atomic)
    def post(self, request, *args, **kwargs):
        with request_memo.remembering():
            return super().post(request, *args, **kwargs)  # type: ignore[misc]

    def form_valid(self, *args, **kwargs):
        request_memo.stop_remembering()
        return super().form_valid(*args, **kwargs)  # type: ignore[misc]


class TopicCreateView(SavedWhole, MachinaTopicCreateView):
    post_form_class = TopicForm


class TopicUpdateView(MachinaTopicUpdateView):
    post_form_class = TopicForm


class PostCreateView(SavedWhole, MachinaPostCreateView):
    post_form_class = PostForm

    def get_post_form_kwargs(self):
        # ``?quote=<post id>``: the reply starts with that post quoted (a 404 for a post the
        # reader may not see, forum.quotes), and a key respondent answers that question.
        quote = self.request.GET.get("quote")
        quoted_post = quotes.quotable_post(self.get_topic(), quote, self.request.user)
        return {**super().get_post_form_kwargs(), "quote": quote, "quoted_post": quoted_post}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # machina reviews the topic's latest posts under the form (and its preview): without
        # the answers a "post before you see the others" question still hides from the reader.
        posts = independent.without_hidden_answers(
            self.get_topic().posts.filter(approved=True), self.request.user
        )
        context["previous_posts"] = (
            posts.select_related("poster", "updated_by")
            .prefetch_related("attachments", "poster__forum_profile")
            .order_by("-created")[: machina_settings.TOPIC_REVIEW_POSTS_NUMBER]
        )
        return context


class PostUpdateView(MachinaPostUpdateView):
    post_form_class = PostForm


class TopicView(MachinaTopicView):
    """machina's topic page; on a "post before you see the others" question, a reader who
    has not answered yet sees the question only (forum/independent.py)."""

    def get(self, request, **kwargs):
        # A link to an answer (a notification, a search hit, a shared URL) or to a later
        # page: the reader sees the question, and why the answers are not shown, not a 404.
        dropped = {"post", "page"} if self.responses_hidden() else set()
        if not re.fullmatch(r"[0-9]+", request.GET.get("post", "0")):
            # machina checks `isdigit()`, which "²" passes, then the database refuses it.
            dropped.add("post")
        if dropped & set(request.GET):
            request.GET = request.GET.copy()
            for name in dropped:
                request.GET.pop(name, None)
        return super().get(request, **kwargs)

    def send_signal(self, request, response, topic):
        # The views count and the reader's read marks, in one commit that does not wait
        # for the disk (forum/tracking.py).
        with tracking.without_waiting_for_disk():
            super().send_signal(request, response, topic)

    def get_topic(self):
        # machina's, with the topic's poll (or its absence) read with it: the page asks.
        if not hasattr(self, "topic"):
            self.topic = get_object_or_404(
                Topic.objects.select_related("forum", "poll"), pk=self.kwargs["pk"]
            )
        return self.topic

    def responses_hidden(self) -> bool:
        if not hasattr(self, "_responses_hidden"):
            self._responses_hidden = independent.is_hidden_until_posted(
                self.get_topic(), self.request.user
            )
        return self._responses_hidden

    def get_queryset(self):
        posts = super().get_queryset()
        topic = self.get_topic()
        self.hidden_responses = 0
        if self.responses_hidden():
            self.hidden_responses = posts.exclude(pk=topic.first_post_id).count()
            posts = posts.filter(pk=topic.first_post_id)
        return posts

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["hidden_responses"] = self.hidden_responses
        return context


class LastTopicsFeed(MachinaLastTopicsFeed):
    """machina's feed shows each topic's last post: not the answers one may not see yet."""

    def items(self):
        topics = list(super().items()[:50])
        self.hidden = independent.hidden_topics([topic.pk for topic in topics], self.user)
        return topics

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["responses_hidden"] = kwargs["item"].pk in self.hidden
        return context


def visible_member(request, pk: str):
    """The account behind a profile URL, if the viewer may see it (forum/member_visibility.py).

    machina's paths take any string: "+1" or " 1" would still be read as the number 1.
    """
    if not re.fullmatch(r"[0-9]+", pk):
        raise Http404
    member = get_object_or_404(get_user_model(), pk=int(pk))
    if not may_see_member(request.user, member):
        raise Http404
    return member


class ForumProfileDetailView(MachinaForumProfileDetailView):
    """machina's profile page, for the people who may see the member; their recent posts and
    topics counted only where the viewer reads them."""

    def get_queryset(self):
        member = visible_member(self.request, str(self.kwargs["pk"]))
        return get_user_model().objects.filter(pk=member.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        member, viewer = self.object.user, self.request.user
        posts = readable_posts_by(member, viewer).select_related("topic", "topic__forum")
        limit = machina_settings.PROFILE_RECENT_POSTS_NUMBER
        context["recent_posts"] = posts.order_by("-created")[:limit]
        context["topics_count"] = Topic.objects.filter(
            approved=True, poster=member, first_post__in=posts
        ).count()
        return context


class UserPostsView(MachinaUserPostsView):
    """machina's list of a member's posts, for the people who may see the member; only the
    posts their topic pages show the viewer (machina lists unapproved posts and the answers
    a "post before you see the others" question hides)."""

    @cached_property
    def poster(self):
        return visible_member(self.request, str(self.kwargs[self.user_pk_url_kwarg]))

    def get_queryset(self):
        return (
            readable_posts_by(self.poster, self.request.user)
            .select_related("topic", "topic__forum", "poster")
            .prefetch_related("poster__forum_profile")
            .order_by("-created")
        )
