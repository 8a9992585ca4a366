"""The texts of projects, needs, offers and updates, translated field by field like pages
and forums (`translations.texts`): each save asks for the translation of what changed, in the
author's language when a text is too short to tell. Translators review them in the forum's
queue and editor (`forum.reviewable_texts`), each only where the project's pages would show
it to them (`projects.rights`): :func:`register_reviewable_texts`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from forum import reviewable_texts
from members.profiles import get_profile
from translations.texts import Text, forget_texts, request_texts

from . import rights
from .models import Need, Offer, Project, Update


def language_of(user: Any) -> str:
    profile = get_profile(user)
    return profile.preferred_language if profile is not None else settings.LANGUAGE_CODE[:2]


def request_project_texts(project: Project) -> int:
    return request_texts(
        project,
        [Text("title", project.title), Text("description", project.description)],
        fallback_language=language_of(project.owner),
    )


def request_need_texts(need: Need) -> int:
    return request_texts(
        need,
        [Text("description", need.description), Text("schedule", need.schedule)],
        fallback_language=language_of(need.project.owner),
    )


def request_offer_texts(offer: Offer) -> int:
    return request_texts(
        offer, [Text("message", offer.message)], fallback_language=language_of(offer.member)
    )


def request_update_texts(update: Update) -> int:
    return request_texts(
        update, [Text("text", update.text)], fallback_language=language_of(update.author)
    )


def forget_need_texts(need: Need) -> None:
    forget_texts(need)


def reviewable_needs(user: Any) -> QuerySet[Need]:
    return Need.objects.filter(project__in=rights.visible_projects(user))


def reviewable_updates(user: Any) -> QuerySet[Update]:
    """Public updates of the projects this person sees; the volunteers' ones only for the
    owner, the accepted volunteers and moderators (`rights.visible_updates`)."""
    updates = Update.objects.filter(project__in=rights.visible_projects(user))
    if rights.may_moderate(user):
        return updates
    public = Q(visibility=Update.Visibility.PUBLIC)
    if not rights.is_member(user):
        return updates.filter(public)
    volunteering = Offer.objects.filter(member=user, status=Offer.Status.ACCEPTED)
    return updates.filter(
        public | Q(project__owner=user) | Q(project__in=volunteering.values("project"))
    )


def reviewable_offers(user: Any) -> QuerySet[Offer]:
    """An offer is between its author and the project's owner (and moderators)."""
    offers = Offer.objects.filter(project__in=rights.visible_projects(user))
    if rights.may_moderate(user):
        return offers
    if not rights.is_member(user):
        return offers.none()
    return offers.filter(Q(member=user) | Q(project__owner=user))


def register_reviewable_texts() -> None:
    """Called from the app's ready(): the forum cannot import projects (layers)."""
    reviewable_texts.register(
        Project,
        kind=_("project"),
        fields={"title": _("project title"), "description": _("project description")},
        readable=rights.visible_projects,
        markdown=("description",),
        url=lambda project: project.get_absolute_url(),
        title=lambda project: project.title,
    )
    for model, kind, fields, readable in (
        (
            Need,
            _("project need"),
            {"description": _("what the project needs"), "schedule": _("schedule")},
            reviewable_needs,
        ),
        (
            Offer,
            _("offer of help"),
            {"message": _("message of an offer of help")},
            reviewable_offers,
        ),
        (Update, _("project update"), {"text": _("project update")}, reviewable_updates),
    ):
        # A project's parts: shown on its page, under its title; the first field is Markdown.
        reviewable_texts.register(
            model,
            kind=kind,
            fields=fields,
            readable=readable,
            markdown=(next(iter(fields)),),
            url=lambda part: part.project.get_absolute_url(),
            title=lambda part: part.project.title,
            related=("project",),
        )
