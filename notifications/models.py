"""Notices, members' choices, forum subscriptions and the email outbox.

Texts are not stored: a notice points at what it is about (a post, a page) and is rendered
when read, in the reader's interface language, with the post or page text in their reading
language (translations.shown_texts), as the site shows it. An email is rendered when sent,
for the same reason: it waits (boundedly) for the translation it quotes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    NEW_POST = "new_post", _("New post where you follow")
    REPLY = "reply", _("Reply to your post")
    MENTION = "mention", _("You were mentioned")
    QUESTION = "question", _("Question for you")
    ANSWER = "answer", _("Answer to your question")
    CASE_STUDY = "case_study", _("Case study published")
    WEEK_OPENS = "week_opens", _("A week opens")
    WEEK_CLOSING = "week_closing", _("A week closes soon")
    APPLICATION = "application", _("New application")
    CASE_STUDY_REVIEW = "case_study_review", _("Case study to review")
    TRANSLATION_FAILED = "translation_failed", _("Translations failed")
    APPLICATION_RECEIVED = "application_received", _("Application received")
    APPLICATION_DECIDED = "application_decided", _("Application decided")
    ALERT = "alert", _("New content on your themes or territories")
    PROJECT_OFFER = "project_offer", _("Offer of help on your project")
    PROJECT_OFFER_DECIDED = "project_offer_decided", _("Your offer of help was answered")
    COMMUNITY_PROPOSED = "community_proposed", _("A community was proposed")
    COMMUNITY_DECIDED = "community_decided", _("Your proposed community was decided")
    JOIN_REQUEST = "community_join_request", _("Request to join your community")
    JOIN_REQUEST_DECIDED = "community_join_decided", _("Your request to join was answered")
    COMMUNITY_INVITATION = "community_invitation", _("Invitation to a community")
    TOPIC_SHARED = "community_topic_shared", _("Discussion shared with your community")


class Notice(models.Model):
    """One event for one member: the notification centre's rows."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    event = models.CharField(max_length=32, choices=Event.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    post = models.ForeignKey(
        "forum_conversation.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Where the notice leads (a path on the site); the rest is rendered when read.
    url = models.CharField(max_length=500, blank=True)
    # For events about neither a post nor a page (e.g. "3 translations failed").
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notice_unread")]
        constraints = [
            # One notice per member and post: the strongest event wins (see events.notify).
            models.UniqueConstraint(
                fields=["recipient", "post"],
                condition=models.Q(post__isnull=False),
                name="one_notice_per_post",
            ),
        ]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self) -> str:
        return f"{self.get_event_display()} → {self.recipient_id}"


class EmailChoice(models.TextChoices):
    EACH = "each", _("An email for each notice")
    DAILY = "daily", _("A daily digest")
    WEEKLY = "weekly", _("A weekly digest")
    NONE = "none", _("No email (notices on the site only)")


class AlertChoice(models.TextChoices):
    DIGEST = "digest", _("In my digest and my notifications on the site")
    EMAIL = "email", _("An email for each match")


class NotificationSettings(models.Model):
    """A member's choices. No row: the defaults below."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    email = models.CharField(
        _("emails"), max_length=8, choices=EmailChoice.choices, default=EmailChoice.EACH
    )
    # Digests go out at this hour of the member's morning, in their time zone.
    time_zone = models.CharField(_("time zone"), max_length=64, default=settings.TIME_ZONE)
    digest_hour = models.PositiveSmallIntegerField(_("digest hour"), default=7)
    last_digest_at = models.DateTimeField(null=True, blank=True)
    # Alerts (Passerelles): new content on these themes, or in these regions (or within
    # them), reaches the member as the `alerts` choice says (notifications.alerts).
    alert_themes = models.ManyToManyField(
        "taxonomy.Theme", blank=True, related_name="+", verbose_name=_("themes you follow")
    )
    alert_regions = models.ManyToManyField(
        "taxonomy.Region", blank=True, related_name="+", verbose_name=_("regions you follow")
    )
    alerts = models.CharField(
        _("alerts"), max_length=8, choices=AlertChoice.choices, default=AlertChoice.DIGEST
    )
    # Courses whose emails the member muted: their notices stay in the centre, and out of
    # every email and digest (notifications.preferences.course_muted).
    muted_courses = models.ManyToManyField(
        "courses.CoursePage",
        blank=True,
        related_name="+",
        verbose_name=_("courses whose emails you mute"),
    )

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.email}"


class SubscriptionMode(models.TextChoices):
    """Moodle's four modes for a forum."""

    OPTIONAL = "optional", _("Optional: members choose")
    FORCED = "forced", _("Forced: every member, no way out")
    AUTO = "auto", _("Automatic: every member, who may unsubscribe")
    DISABLED = "disabled", _("Disabled: no subscriptions")


class ForumMode(models.Model):
    """A forum's subscription mode, set by its organizers. No row: optional."""

    forum = models.OneToOneField(
        "forum.Forum", on_delete=models.CASCADE, related_name="subscription_mode"
    )
    mode = models.CharField(
        _("subscription mode"),
        max_length=10,
        choices=SubscriptionMode.choices,
        default=SubscriptionMode.OPTIONAL,
    )

    class Meta:
        verbose_name = _("forum subscription mode")
        verbose_name_plural = _("forum subscription modes")

    def __str__(self) -> str:
        return f"{self.forum_id}: {self.mode}"


class ForumSubscription(models.Model):
    """A member following a whole forum; `subscribed=False` opts out of an automatic one.

    (Topics are followed with machina's own `Topic.subscribers`.)
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_subscriptions"
    )
    forum = models.ForeignKey("forum.Forum", on_delete=models.CASCADE, related_name="+")
    subscribed = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "forum"], name="one_forum_subscription")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → forum {self.forum_id}: {self.subscribed}"


class Email(models.Model):
    """The outbox: written in the event's transaction, sent by Celery after commit.

    `key` makes sending idempotent: one email per key, ever (e.g. "notice:42",
    "digest:daily:7:2026-11-30").
    """

    class Kind(models.TextChoices):
        NOTICE = "notice", _("notice")
        DIGEST = "digest", _("digest")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        SKIPPED = "skipped", _("not sent (no longer readable or wanted)")

    key = models.CharField(max_length=120, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.NOTICE)
    notice = models.ForeignKey(
        Notice, null=True, blank=True, on_delete=models.SET_NULL, related_name="emails"
    )
    # A digest covers the notices created in [period_start, period_end).
    period_start = models.DateTimeField(null=True, blank=True)
    period_end = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=8, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Until then, the email waits for the translation it quotes; after, it goes with the
    # original and a note.
    wait_translation_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    subject = models.CharField(max_length=300, blank=True)  # as sent, for the organizers
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("email")
        verbose_name_plural = _("emails")

    def __str__(self) -> str:
        return f"{self.key} ({self.status})"
