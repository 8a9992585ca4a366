"""Translators correct the translations of harvested passages in the forum's review queue
and text editor, like a page's texts (`forum.reviewable_texts`): a passage belongs to its
course (listed with the course's pages, to the course's translators and organizers, under
its week when one is chosen), and is seen by whoever may read the post it comes from. What
they correct is what the proceedings quote, in the page and in the PDF."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from machina.core.db.models import get_model

from forum import reviewable_texts
from forum.discussion import post_url
from forum.permission_handler import PermissionHandler

from .models import Passage

Post: Any = get_model("forum_conversation", "Post")


def readable_passages(user: Any) -> QuerySet[Passage]:
    """The passages of posts this user may read (an answer hidden until they post stays
    hidden; a private forum stays private)."""
    posts = PermissionHandler().readable_posts(Post.objects.all(), user)
    return Passage.objects.filter(post__in=posts.values("pk"))


def register_reviewable_texts() -> None:
    """Called from the app's ready(): the forum cannot import proceedings (layers)."""
    reviewable_texts.register(
        Passage,
        kind=_("harvested passage"),
        fields={"text": _("harvested passage")},
        readable=readable_passages,
        markdown=("text",),
        url=lambda passage: post_url(passage.post.topic.forum, passage.post),
        title=lambda passage: passage.post.subject,
        related=("post__topic__forum", "course"),
        course="course",
        forum="post__topic__forum",
    )
