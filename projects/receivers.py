"""Bookkeeping only: a project, need, offer or update deleted (by the admin, or with its
owner's account) takes its recorded texts and their translations with it."""

from __future__ import annotations

from django.db.models.signals import post_delete

from translations.texts import forget_texts

from .models import Need, Offer, Project, Update


def texts_gone(sender, instance, **kwargs) -> None:
    forget_texts(instance)


def connect() -> None:
    for model in (Project, Need, Offer, Update):
        post_delete.connect(
            texts_gone, sender=model, dispatch_uid=f"projects_texts_gone_{model.__name__}"
        )
