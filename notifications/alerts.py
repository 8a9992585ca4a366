"""Alerts by theme and region (Passerelles): new content tagged with a theme a member
follows, or in a region they follow (or within one: Quebec within Canada), reaches them as
an ALERT notice, the weakest event (`events.STRENGTH`): one who is told of the post anyway
(a reply, a followed forum) gets that notice, not a second one.

When: a post approved (at once or by a moderator later), a post's themes or region set
(its author's form saves them just after the post; an organizer may add them later:
`forum.signals.post_tags_changed`), a case study published. A post in a community also
carries the community's themes and region. Who may read it is `events.notify`'s check.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.db.models.signals import post_save, pre_save
from machina.core.db.models import get_model

from courses.models import CaseStudyPage
from forum.models import CommunityOfPractice, PostTags
from forum.signals import post_tags_changed
from taxonomy.models import Region, Theme

from .events import notify
from .models import Event, Notice

Post: Any = get_model("forum_conversation", "Post")
User: Any = get_user_model()

WAS_APPROVED = "_puentes_alert_was_approved"


def connect() -> None:
    """Called by `receivers.connect`, after the other events' receivers (they win)."""
    from wagtail.signals import page_published

    pre_save.connect(remember_approval, sender=Post, dispatch_uid="notifications_alert_pre")
    post_save.connect(post_saved, sender=Post, dispatch_uid="notifications_alert_post")
    post_tags_changed.connect(post_tagged, sender=PostTags, dispatch_uid="notifications_alert_tags")
    page_published.connect(
        case_study_published, sender=CaseStudyPage, dispatch_uid="notifications_alert_case_study"
    )


def followers(themes: Iterable[Theme], region: Region | None) -> QuerySet:
    """Active members following one of the themes, or the region or a region it lies in."""
    theme_ids = [theme.pk for theme in themes]
    region_ids = [found.pk for found in region.with_ancestors()] if region is not None else []
    if not theme_ids and not region_ids:
        return User.objects.none()
    return User.objects.filter(
        Q(notification_settings__alert_themes__in=theme_ids)
        | Q(notification_settings__alert_regions__in=region_ids),
        is_active=True,
    ).distinct()


def _data(themes: list[Theme], region: Region | None) -> dict:
    """What the headline names (`alert_texts`): the content's themes and region."""
    return {"themes": [theme.pk for theme in themes], "region": region.pk if region else None}


# ---------------------------------------------------------------------------
# Posts
# ---------------------------------------------------------------------------
def post_vocabulary(post) -> tuple[list[Theme], Region | None]:
    """The post's themes and region, with its community's."""
    tags = PostTags.objects.filter(post=post).select_related("region").first()
    themes = list(tags.themes.all()) if tags is not None else []
    region = tags.region if tags is not None else None
    community = (
        CommunityOfPractice.objects.filter(forum_id=post.topic.forum_id)
        .select_related("region")
        .first()
    )
    if community is not None:
        themes += [theme for theme in community.themes.all() if theme not in themes]
        region = region or community.region
    return themes, region


def alert_post(post) -> list[Notice]:
    themes, region = post_vocabulary(post)
    people = followers(themes, region)
    if not people:
        return []
    return notify(Event.ALERT, people, post=post, actor=post.poster, data=_data(themes, region))


def remember_approval(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw or instance.pk is None:
        return
    setattr(
        instance,
        WAS_APPROVED,
        Post.objects.filter(pk=instance.pk).values_list("approved", flat=True).first(),
    )


def post_saved(sender, instance, created: bool = False, raw: bool = False, **kwargs) -> None:
    """A new approved post, or one a moderator just approved."""
    if raw or not instance.approved:
        return
    if not created and getattr(instance, WAS_APPROVED, True) is not False:
        return
    setattr(instance, WAS_APPROVED, True)
    alert_post(instance)


def post_tagged(sender, post, **kwargs) -> None:
    """Themes or a region given to a post: those who follow them and were not told yet."""
    if post.approved:
        alert_post(post)


# ---------------------------------------------------------------------------
# Case studies
# ---------------------------------------------------------------------------
def case_study_published(sender, instance: CaseStudyPage, revision=None, **kwargs) -> None:
    """Followers of its themes or region, but those already told of it (the course's
    members are told it was published: that notice is enough)."""
    if kwargs.get("alias"):
        return
    themes = list(instance.themes.all())
    region = instance.territory
    told = Notice.objects.filter(page=instance).values("recipient_id")
    people = followers(themes, region).exclude(pk__in=told)
    if not people:
        return
    notify(
        Event.ALERT,
        people,
        page=instance,
        actor=getattr(revision, "user", None),
        data=_data(themes, region),
    )
