"""Our records beside machina's: which forum mirrors which course, week and question.

The links live here, not on the Wagtail pages: a page revision holds a copy of every field,
so a forum id stored on the page would come back stale when an old revision is published.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
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


class KeyRespondentQuestion(models.Model):
    """A post its author marked as a question to the week's key respondent(s).

    Answered by one post of one of the week's key respondents in the same topic: the reply
    that names it (quoted or chosen on the reply form), else the next reply while it is the
    latest open question of the topic (forum.questions).
    """

    post = models.OneToOneField(
        "forum_conversation.Post", on_delete=models.CASCADE, related_name="key_respondent_question"
    )
    week = models.ForeignKey(
        "courses.WeekPage", on_delete=models.CASCADE, related_name="key_respondent_questions"
    )
    asked_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        "forum_conversation.Post",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answer"),
    )

    class Meta:
        verbose_name = _("question to the key respondents")
        verbose_name_plural = _("questions to the key respondents")
        ordering = ["asked_at"]

    def __str__(self) -> str:
        return str(self.post)

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class CommunityOfPractice(models.Model):
    """A community of practice and its forum.

    A course's community is a private sub-forum of the course: only the people an organizer
    adds see it. A community without a course stands on its own (`communities` app):
    proposed by a member, approved by the site's moderators, open (anyone joins) or private
    (by invitation or request), moderated by its hosts; `description` is its purpose.
    """

    class Access(models.TextChoices):
        OPEN = "open", _("open")
        PRIVATE = "private", _("private")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        APPROVED = "approved", _("approved")
        DECLINED = "declined", _("declined")

    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="communities",
        verbose_name=_("course"),
    )
    name = models.CharField(_("name"), max_length=100)
    #: Its own page's address (communities without a course); None for a course's.
    slug = models.SlugField(_("slug"), max_length=120, unique=True, null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    access = models.CharField(
        _("access"), max_length=10, choices=Access.choices, default=Access.PRIVATE
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.APPROVED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_communities",
        verbose_name=_("proposed by"),
    )
    hosts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="hosted_communities",
        verbose_name=_("hosts"),
    )
    created = models.DateTimeField(_("created"), default=timezone.now)
    forum = models.OneToOneField(
        "forum.Forum", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="communities_of_practice",
        verbose_name=_("members"),
    )
    themes = models.ManyToManyField(
        "taxonomy.Theme", blank=True, related_name="communities", verbose_name=_("themes")
    )
    region = models.ForeignKey(
        "taxonomy.Region",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="communities",
        verbose_name=_("region"),
    )

    class Meta:
        verbose_name = _("community of practice")
        verbose_name_plural = _("communities of practice")
        ordering = ["course", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        """Open to every signed-in member (a course's communities never are)."""
        return self.course_id is None and self.access == self.Access.OPEN

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class PostTags(models.Model):
    """The themes and region of a post, set by its author or, afterwards, by those who may
    edit it (organizers, moderators): what members' alerts match (notifications.alerts)."""

    post = models.OneToOneField(
        "forum_conversation.Post", on_delete=models.CASCADE, related_name="puentes_tags"
    )
    themes = models.ManyToManyField(
        "taxonomy.Theme", blank=True, related_name="post_tags", verbose_name=_("themes")
    )
    region = models.ForeignKey(
        "taxonomy.Region",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="post_tags",
        verbose_name=_("region"),
    )

    class Meta:
        verbose_name = _("post's themes and region")
        verbose_name_plural = _("posts' themes and regions")

    def __str__(self) -> str:
        return f"tags of post {self.post_id}"


class SearchDocument(models.Model):
    """One searchable version of a post, page or forum in one language (forum.search_index).

    A post has a row for its original and one per finished translation; a page or forum a
    row per language its texts are written or translated in. The words are indexed by the
    database (forum.fulltext): a `tsvector` column with the language's stemming on
    PostgreSQL, an FTS5 table on SQLite, both added by this app's migrations.
    """

    class Kind(models.TextChoices):
        POST = "post", _("post")
        PAGE = "page", _("page")
        FORUM = "forum", _("forum")

    kind = models.CharField(max_length=5, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    #: A site language, or empty (not yet detected, or another language): no stemming.
    language = models.CharField(max_length=5, blank=True)
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search document")
        indexes = [models.Index(fields=["kind", "object_id"], name="search_document_object_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} ({self.language or '-'})"
