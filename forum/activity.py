"""A member's week in the forum: what is new since they last read it, and what they wrote.

"New" is machina's read tracking: a topic read after its last post, or a forum marked read,
holds no new post. The week page's own questions and links come from `week_discussion`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Count, Exists, OuterRef, QuerySet
from machina.core.db.models import get_model

from courses.models import WeekPage
from translations.display import ShownPost, reader_languages, shown_posts

from .discussion import Question, WeekDiscussion, post_url, week_discussion
from .independent import without_hidden_answers
from .models import QuestionTopic

Post: Any = get_model("forum_conversation", "Post")
ForumReadTrack: Any = get_model("forum_tracking", "ForumReadTrack")
TopicReadTrack: Any = get_model("forum_tracking", "TopicReadTrack")

NEW_POSTS_SHOWN = 10


@dataclass
class QuestionProgress:
    question: Question
    my_posts: int

    @property
    def answered(self) -> bool:
        return self.my_posts > 0


@dataclass
class WeekActivity:
    discussion: WeekDiscussion
    #: The newest posts by others not yet read, in the reader's language (at most ten).
    new_posts: list[ShownPost] = field(default_factory=list)
    new_posts_count: int = 0
    my_posts_count: int = 0
    questions: list[QuestionProgress] = field(default_factory=list)

    @property
    def answered_count(self) -> int:
        return sum(1 for progress in self.questions if progress.answered)


def unread_posts(forum, user: User, *, question_topic_ids: list[int] | None = None) -> QuerySet:
    """Others' posts in `forum` written after the user last read their topic, newest first.

    A query, counted and sliced by the database: a member who has not read a busy week has
    thousands of unread posts, of which the page shows ten. `question_topic_ids`: the
    forum's question topics, when the caller knows them (read here otherwise).
    """
    forum_mark = (
        ForumReadTrack.objects.filter(forum=forum, user=user)
        .values_list("mark_time", flat=True)
        .first()
    )
    read_since = TopicReadTrack.objects.filter(
        topic_id=OuterRef("topic_id"), user=user, mark_time__gte=OuterRef("created")
    )
    posts = (
        Post.objects.filter(topic__forum=forum, approved=True)
        .exclude(poster=user)
        .exclude(Exists(read_since))
        .select_related("topic", "poster")
        .order_by("-created")
    )
    if forum_mark is not None:
        posts = posts.filter(created__gt=forum_mark)
    # Not the answers a "post before you see the others" question still hides from them:
    # only the forum's question topics may hide any (no scan of the unread posts for it).
    if question_topic_ids is None:
        question_topic_ids = list(
            QuestionTopic.objects.filter(topic__forum=forum, retired=False).values_list(
                "topic_id", flat=True
            )
        )
    return without_hidden_answers(posts, user, topic_ids=question_topic_ids)


def week_activity(
    week: WeekPage, user: User, interface_language: str, handler=None
) -> WeekActivity:
    """The week's questions with the member's answers to each, and the posts new to them."""
    discussion = week_discussion(week, user, handler)
    activity = WeekActivity(
        discussion=discussion,
        questions=[QuestionProgress(question=item, my_posts=0) for item in discussion.questions],
    )
    forum = discussion.forum
    if forum is None or not discussion.readable or not user.is_authenticated:
        return activity
    topic_of_block = discussion.topic_of_block
    mine = dict(
        Post.objects.filter(topic__forum=forum, poster=user, approved=True)
        .values("topic_id")
        .annotate(count=Count("pk"))
        .values_list("topic_id", "count")
    )
    activity.my_posts_count = sum(mine.values())
    blocks = [block for block in week.questions if block.block_type == "question"]
    for block, progress in zip(blocks, activity.questions, strict=True):
        progress.my_posts = mine.get(topic_of_block.get(block.id), 0)

    new = unread_posts(forum, user, question_topic_ids=list(topic_of_block.values()))
    activity.new_posts_count = new.count()
    language, reads = reader_languages(user, interface_language)
    newest = list(new[:NEW_POSTS_SHOWN]) if activity.new_posts_count else []
    activity.new_posts = shown_posts(newest, language=language, reads=reads)
    for item in activity.new_posts:
        item.url = post_url(forum, item.post)
    return activity
