"""Requests to join a private community, hosts' invitations, and topics shared between
communities (bridges). The communities themselves are `forum.CommunityOfPractice`: one model
for a course's communities and the others, so that every privacy check knows them all."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Decision(models.TextChoices):
    PENDING = "pending", _("pending")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")


class JoinRequest(models.Model):
    """A member asks to join a private community; one of its hosts decides."""

    community = models.ForeignKey(
        "cohort_forum.CommunityOfPractice",
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("community"),
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_join_requests",
        verbose_name=_("member"),
    )
    message = models.TextField(_("message"), blank=True, max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "member"],
                condition=models.Q(status="pending"),
                name="one_pending_join_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} → {self.community}"


class Invitation(models.Model):
    """A host invites a member into their community; the member accepts or declines."""

    community = models.ForeignKey(
        "cohort_forum.CommunityOfPractice",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("community"),
    )
    invited = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_invitations",
        verbose_name=_("invited member"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "invited"],
                condition=models.Q(status="pending"),
                name="one_pending_invitation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.invited} ← {self.community}"


class SharedTopic(models.Model):
    """A bridge: a host shares a topic of their community with another community, where it
    is listed with a link to the original discussion (read rights of the original apply)."""

    topic = models.ForeignKey(
        "forum_conversation.Topic",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("topic"),
    )
    from_community = models.ForeignKey(
        "cohort_forum.CommunityOfPractice",
        on_delete=models.CASCADE,
        related_name="topics_shared_out",
        verbose_name=_("from community"),
    )
    to_community = models.ForeignKey(
        "cohort_forum.CommunityOfPractice",
        on_delete=models.CASCADE,
        related_name="topics_shared_in",
        verbose_name=_("to community"),
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("shared by"),
    )
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("shared topic")
        verbose_name_plural = _("shared topics")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "to_community"], name="one_share_per_topic")
        ]

    def __str__(self) -> str:
        return f"{self.topic_id}: {self.from_community} → {self.to_community}"
