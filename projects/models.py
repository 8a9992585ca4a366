"""Projects that members propose for their territory, what they need, the offers of help
they receive and the updates their owners post (Espace Collectif's model, translated).

A project is published by its owner for the public: open and visible projects are listed
to everyone, anonymous visitors included. Offers are between the offerer and the owner;
an update is public or for the project's accepted volunteers only. The rights are in
`projects.rights`, the writes in `projects.actions`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Project(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="projects",
        verbose_name=_("owner"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("description"), help_text=_("What the project is and why. Markdown is allowed.")
    )
    territory = models.ForeignKey(
        "taxonomy.Region",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("territory"),
    )
    themes = models.ManyToManyField(
        "taxonomy.Theme", blank=True, related_name="+", verbose_name=_("themes")
    )
    crowdfunding_url = models.URLField(
        _("crowdfunding page"),
        blank=True,
        max_length=500,
        help_text=_("A link to the project's page on an outside crowdfunding site, if any."),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Moderators hide a project: it is then shown to its owner (with the reason) and to
    # moderators only.
    hidden = models.BooleanField(_("hidden"), default=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_reason = models.TextField(_("why it was hidden"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "hidden"], name="project_listed")]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Need(models.Model):
    """What a project asks for: volunteers (a number of places, a schedule), expertise
    (free or paid) or materials."""

    class Kind(models.TextChoices):
        VOLUNTEERS = "volunteers", _("Volunteers")
        EXPERTISE = "expertise", _("Expertise")
        MATERIALS = "materials", _("Materials")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="needs")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    description = models.TextField(_("description"))
    places = models.PositiveSmallIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("For volunteers: how many people the project needs."),
    )
    schedule = models.CharField(
        _("schedule"),
        max_length=200,
        blank=True,
        help_text=_("For volunteers: when (Saturday mornings, two weeks in June...)."),
    )
    paid = models.BooleanField(
        _("paid"), default=False, help_text=_("For expertise: the project can pay for it.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:40]}"

    @property
    def places_left(self) -> int | None:
        """Volunteer places no accepted offer took (None: not counted). Uses the `accepted`
        count that `projects.listing.with_needs` annotates, else counts."""
        if self.kind != self.Kind.VOLUNTEERS or not self.places:
            return None
        accepted = getattr(self, "accepted", None)
        if accepted is None:
            accepted = self.offers.filter(status=Offer.Status.ACCEPTED).count()
        return max(self.places - accepted, 0)


class Offer(models.Model):
    """A member's offer to volunteer or to bring their expertise, decided by the owner."""

    class Kind(models.TextChoices):
        VOLUNTEER = "volunteer", _("To volunteer")
        EXPERTISE = "expertise", _("Expertise")
        MATERIALS = "materials", _("Materials")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the owner")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="offers")
    need = models.ForeignKey(
        Need,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offers",
        verbose_name=_("need"),
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_offers"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    message = models.TextField(_("message"), blank=True)
    fee = models.CharField(
        _("fee"),
        max_length=200,
        blank=True,
        help_text=_("For expertise: leave empty if you offer it for free."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "need", "member"],
                condition=models.Q(status="pending"),
                name="one_pending_offer_per_need",
            ),
            models.UniqueConstraint(
                fields=["project", "member"],
                condition=models.Q(status="pending", need__isnull=True),
                name="one_pending_offer_per_project",
            ),
        ]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")

    def __str__(self) -> str:
        return f"{self.member_id} → {self.project_id}: {self.status}"

    @property
    def paid(self) -> bool:
        return bool(self.fee.strip())


class Update(models.Model):
    """News of the project, for everyone or for its accepted volunteers only."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Everyone")
        VOLUNTEERS = "volunteers", _("Accepted volunteers only")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("text"), help_text=_("Markdown is allowed."))
    visibility = models.CharField(
        _("who sees it"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("update")
        verbose_name_plural = _("updates")

    def __str__(self) -> str:
        return f"{self.project_id}: {self.text[:40]}"
