"""Our records beside machina's: which forum mirrors which course, week and question.

The links live here, not on the Wagtail pages: a page revision holds a copy of every field,
so a forum id stored on the page would come back stale when an old revision is published.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseCategory(models.Model):
    """The machina category that holds a course's week forums."""

    course = models.OneToOneField(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="forum_category"
    )
    forum = models.OneToOneField("forum.Forum", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("course forum category")
        verbose_name_plural = _("course forum categories")

    def __str__(self) -> str:
        return str(self.forum)


class WeekForum(models.Model):
    """The machina forum of a week.

    `hidden` is set while the week is unpublished: the forum and its posts are kept (a
    week republished finds its discussion again) but nobody is granted to see it, see
    `forum.permissions.sync_course_permissions`.
    """

    week = models.OneToOneField(
        "courses.WeekPage", on_delete=models.CASCADE, related_name="week_forum"
    )
    forum = models.OneToOneField("forum.Forum", on_delete=models.CASCADE, related_name="+")
    hidden = models.BooleanField(_("hidden"), default=False)

    class Meta:
        verbose_name = _("week forum")
        verbose_name_plural = _("week forums")

    def __str__(self) -> str:
        return str(self.forum)


class QuestionTopic(models.Model):
    """The pinned topic of one discussion question, found again by the question's block id.

    A question removed from the week keeps its topic (and the answers in it), locked and
    no longer pinned: `retired` records that, and a question restored by reverting the page
    gets its topic back.
    """

    week = models.ForeignKey(
        "courses.WeekPage", on_delete=models.CASCADE, related_name="question_topics"
    )
    block_id = models.CharField(max_length=64)
    topic = models.OneToOneField(
        "forum_conversation.Topic", on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)
    retired = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("question topic")
        verbose_name_plural = _("question topics")
        ordering = ["week", "position"]
        constraints = [
            models.UniqueConstraint(fields=["week", "block_id"], name="unique_question_topic")
        ]

    def __str__(self) -> str:
        return str(self.topic)
