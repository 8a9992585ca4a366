"""machina's views where Puentes needs more: the post language, and a constant-query index."""

from __future__ import annotations

from typing import Any

from machina.core.db.models import get_model
from machina.core.loading import get_class

from . import independent
from .forms import PostForm, TopicForm

Forum: Any = get_model("forum", "Forum")
ForumVisibilityContentTree: Any = get_class("forum.visibility", "ForumVisibilityContentTree")
MachinaIndexView: Any = get_class("forum.views", "IndexView")
MachinaTopicCreateView: Any = get_class("forum_conversation.views", "TopicCreateView")
MachinaTopicUpdateView: Any = get_class("forum_conversation.views", "TopicUpdateView")
MachinaPostCreateView: Any = get_class("forum_conversation.views", "PostCreateView")
MachinaPostUpdateView: Any = get_class("forum_conversation.views", "PostUpdateView")
MachinaTopicView: Any = get_class("forum_conversation.views", "TopicView")
MachinaLastTopicsFeed: Any = get_class("forum_feeds.feeds", "LastTopicsFeed")


class IndexView(MachinaIndexView):
    """machina's index follows each forum's last post, topic and poster one query at a time.

    Its permission filter returns a list, so the tree never gets a queryset to join on:
    we hand it one, restricted to the forums the filter allowed.
    """

    def get_queryset(self):
        allowed = self.request.forum_permission_handler.forum_list_filter(
            Forum.objects.all(), self.request.user
        )
        forums = Forum.objects.filter(pk__in=[forum.pk for forum in allowed]).select_related(
            "parent", "last_post", "last_post__poster", "last_post__topic"
        )
        return ForumVisibilityContentTree.from_forums(forums)


class TopicCreateView(MachinaTopicCreateView):
    post_form_class = TopicForm


class TopicUpdateView(MachinaTopicUpdateView):
    post_form_class = TopicForm


class PostCreateView(MachinaPostCreateView):
    post_form_class = PostForm


class PostUpdateView(MachinaPostUpdateView):
    post_form_class = PostForm


class TopicView(MachinaTopicView):
    """machina's topic page; on a "post before you see the others" question, a reader who
    has not answered yet sees the question only (forum/independent.py)."""

    def get(self, request, **kwargs):
        if self.responses_hidden() and {"post", "page"} & set(request.GET):
            # A link to an answer (a notification, a search hit, a shared URL) or to a later
            # page: the reader sees the question, and why the answers are not shown, not a 404.
            request.GET = request.GET.copy()
            for name in ("post", "page"):
                request.GET.pop(name, None)
        return super().get(request, **kwargs)

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
