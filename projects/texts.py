"""The texts of projects, needs, offers and updates, translated field by field like pages
and forums (`translations.texts`): each save asks for the translation of what changed, in the
author's language when a text is too short to tell."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from members.profiles import get_profile
from translations.texts import Text, forget_texts, request_texts

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
