"""A member's choices: how they are emailed, and which forums they follow.

Nothing needs configuring for a new participant: with no saved settings a member gets an
email for each notice (the answers to their questions, a week opening, a reply, a mention...)
and follows the forums their organizers made automatic or forced. Forums follow Moodle's
four modes (`SubscriptionMode`), set per forum by the course's organizers; no row: optional.
Topics are followed with machina's own `Topic.subscribers`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from machina.core.db.models import get_model
from wagtail.models import Page

from courses.models import CoursePage
from forum.course_of import course_forum_ids, course_of_forum
from forum.permissions import staying_enrollments

from .models import (
    AlertChoice,
    EmailChoice,
    Event,
    ForumMode,
    ForumSubscription,
    NotificationSettings,
    SubscriptionMode,
)

User: Any = get_user_model()
Post: Any = get_model("forum_conversation", "Post")

_CACHE = "_puentes_notification_settings"


def settings_for(user) -> NotificationSettings:
    """The member's saved settings, or unsaved defaults (an email for each notice)."""
    cached = getattr(user, _CACHE, None)
    if cached is not None:
        return cached
    if user is not None and getattr(user, "pk", None) is not None:
        found = NotificationSettings.objects.filter(user_id=user.pk).first()
        found = found or NotificationSettings(user=user)
    else:
        found = NotificationSettings()
    if user is not None:
        setattr(user, _CACHE, found)
    return found


def muted_course_ids(user) -> set[int]:
    """The courses whose emails the member muted (one query, then kept with the settings)."""
    row = settings_for(user)
    if row.pk is None:
        return set()
    cached = getattr(row, "_puentes_muted_course_ids", None)
    if cached is None:
        cached = set(row.muted_courses.values_list("pk", flat=True))
        row._puentes_muted_course_ids = cached  # type: ignore[attr-defined]
    return cached


def course_muted(user, notice) -> bool:
    """Whether the notice is about a post or page of a course whose emails the member muted."""
    muted = muted_course_ids(user)
    if not muted:
        return False
    return bool(muted_notice_ids(user, [notice]))


def muted_notice_ids(user, notices: Iterable[Any]) -> set[int]:
    """Those of the notices about a post or page of a course whose emails the member muted:
    a fixed number of queries whatever the number of notices (digests use it)."""
    muted = muted_course_ids(user)
    notices = list(notices)
    if not muted or not notices:
        return set()
    courses = list(CoursePage.objects.filter(pk__in=muted))
    forum_ids = {pk for course in courses for pk in course_forum_ids(course)}
    post_ids = {n.post_id for n in notices if n.post_id is not None}
    forum_of_post = (
        dict(Post.objects.filter(pk__in=post_ids).values_list("pk", "topic__forum_id"))
        if post_ids
        else {}
    )
    page_ids = {n.page_id for n in notices if n.page_id is not None}
    paths = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "path")) if page_ids else {}
    prefixes = tuple(course.path for course in courses)

    def muted_one(notice) -> bool:
        if notice.post_id is not None:
            return forum_of_post.get(notice.post_id) in forum_ids
        return notice.page_id is not None and paths.get(notice.page_id, "").startswith(prefixes)

    return {notice.pk for notice in notices if muted_one(notice)}


def load_settings(users: Iterable) -> None:
    """`settings_for` of each of ``users`` read in one query (and cached on each), for the
    hundreds of members one post can concern."""
    people = [
        user
        for user in users
        if user is not None and getattr(user, "pk", None) is not None and not hasattr(user, _CACHE)
    ]
    if not people:
        return
    rows = {
        row.user_id: row
        for row in NotificationSettings.objects.filter(
            user_id__in=[user.pk for user in people]
        ).prefetch_related("muted_courses")
    }
    for row in rows.values():  # kept as `muted_course_ids` keeps them
        muted = {course.pk for course in row.muted_courses.all()}
        row._puentes_muted_course_ids = muted  # type: ignore[attr-defined]
    for user in people:
        setattr(user, _CACHE, rows.get(user.pk) or NotificationSettings(user=user))


def forget_cached_settings(user) -> None:
    """After a save: the next `settings_for` reads the row again."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)


def email_choice(user, event, notice=None) -> str:
    """How the member wants to hear of this event: each / daily / weekly / none.

    One choice per member covers every event: each notice by default. Without an email
    address (or an inactive account), none; nor for a notice of a course whose emails the
    member muted (`notice` given: its notice stays in the centre).
    """
    if user is None or not getattr(user, "email", "") or not getattr(user, "is_active", True):
        return EmailChoice.NONE
    if notice is not None and course_muted(user, notice):
        return EmailChoice.NONE
    # A decision has its own email, sent by courses.applications when it is made.
    if event == Event.APPLICATION_DECIDED:
        return EmailChoice.NONE
    # Alerts (notifications.alerts): an email each if so chosen, else the member's digest
    # (none when they have no digest: the notice centre only).
    if event == Event.ALERT:
        chosen = settings_for(user)
        if chosen.alerts == AlertChoice.EMAIL:
            return EmailChoice.EACH
        return chosen.email if chosen.email != EmailChoice.EACH else EmailChoice.NONE
    return settings_for(user).email


def _forum_id(forum) -> int:
    return forum if isinstance(forum, int) else forum.pk


def forum_modes(forums: Iterable) -> dict[int, str]:
    """The mode of each forum (objects or ids), by id, in one query."""
    ids = [_forum_id(forum) for forum in forums]
    modes = dict(ForumMode.objects.filter(forum_id__in=ids).values_list("forum_id", "mode"))
    return {pk: modes.get(pk, SubscriptionMode.OPTIONAL) for pk in ids}


def forum_mode(forum) -> str:
    """The forum's subscription mode (no row: optional)."""
    return forum_modes([forum])[_forum_id(forum)]


def set_forum_mode(forum, mode: str) -> None:
    ForumMode.objects.update_or_create(forum_id=_forum_id(forum), defaults={"mode": mode})


def follows(mode: str, row: bool | None) -> bool:
    """Whether a member follows a forum in this mode, given their row (None: no row)."""
    if mode == SubscriptionMode.FORCED:
        return True
    if mode == SubscriptionMode.AUTO:
        return row is not False
    if mode == SubscriptionMode.OPTIONAL:
        return row is True
    return False


def follows_forum(user, forum) -> bool:
    """Forced: yes; automatic: unless they opted out; optional: if they subscribed;
    disabled: no."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    row = (
        ForumSubscription.objects.filter(user_id=user.pk, forum_id=_forum_id(forum))
        .values_list("subscribed", flat=True)
        .first()
    )
    return follows(forum_mode(forum), row)


def forum_members(forum) -> QuerySet:
    """Everyone a forced or automatic mode applies to: the course's members who stay
    (none for a forum outside courses)."""
    course = course_of_forum(_forum_id(forum))
    if course is None:
        return User.objects.none()
    return User.objects.filter(
        pk__in=staying_enrollments(course).values("user_id"), is_active=True
    ).distinct()


def forum_followers(forum) -> QuerySet:
    """The users following the forum by its mode and their rows.

    Not filtered by read permission: `events.notify` checks each one.
    """
    forum_id = _forum_id(forum)
    mode = forum_mode(forum_id)
    rows = ForumSubscription.objects.filter(forum_id=forum_id)
    if mode == SubscriptionMode.FORCED:
        return forum_members(forum_id)
    if mode == SubscriptionMode.AUTO:
        return forum_members(forum_id).exclude(
            pk__in=rows.filter(subscribed=False).values("user_id")
        )
    if mode == SubscriptionMode.OPTIONAL:
        return User.objects.filter(
            pk__in=rows.filter(subscribed=True).values("user_id"), is_active=True
        )
    return User.objects.none()


def set_forum_subscription(user, forum, subscribed: bool) -> bool:
    """Follow or leave a forum, as its mode allows; whether the member follows it now."""
    mode = forum_mode(forum)
    if mode in (SubscriptionMode.OPTIONAL, SubscriptionMode.AUTO):
        ForumSubscription.objects.update_or_create(
            user_id=user.pk, forum_id=_forum_id(forum), defaults={"subscribed": subscribed}
        )
    return follows_forum(user, forum)
