"""machina's views where Puentes needs more: the post language, and a constant-query index."""

from __future__ import annotations

from machina.core.db.models import get_model
from machina.core.loading import get_class

from .forms import PostForm, TopicForm

Forum = get_model("forum", "Forum")
ForumVisibilityContentTree = get_class("forum.visibility", "ForumVisibilityContentTree")
MachinaIndexView = get_class("forum.views", "IndexView")
MachinaTopicCreateView = get_class("forum_conversation.views", "TopicCreateView")
MachinaTopicUpdateView = get_class("forum_conversation.views", "TopicUpdateView")
MachinaPostCreateView = get_class("forum_conversation.views", "PostCreateView")
MachinaPostUpdateView = get_class("forum_conversation.views", "PostUpdateView")


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
