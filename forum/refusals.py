"""Refusals that say why: a closed week's forum tells its members when it closed.

`cms.urls.handler403` sends every refusal here. machina refuses a post to a closed week
like any other missing right; this view looks at the URL the refusal came from and, when it
is a week's forum whose member may no longer post there, renders a page that names the week
and the date. Anyone else (a non-member, another kind of refusal) gets the generic page,
which tells nothing about the course.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.defaults import permission_denied
from machina.core.db.models import get_model
from machina.core.loading import get_class

from courses.models import Role, WeekPage, WeekState

from .models import WeekForum
from .permissions import POSTING_ROLES, staying_enrollments

Topic: Any = get_model("forum_conversation", "Topic")

#: machina's views that write in a forum (ours subclass them, on the same paths), and the
#: URL keyword naming their topic, if any.
WRITING_VIEWS = {
    "TopicCreateView": None,
    "TopicUpdateView": "pk",
    "PostCreateView": "topic_pk",
    "PostUpdateView": "topic_pk",
    "PostDeleteView": "topic_pk",
}


@dataclass(frozen=True)
class ClosedWeek:
    week: WeekPage
    #: The last day late posts were accepted (the week's or this member's allowance).
    late_until: dt.date | None
    topic_url: str


def refused(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    closed = closed_week_of(request)
    if closed is None:
        return permission_denied(request, exception)  # type: ignore[arg-type]
    return render(
        request, "refusals/closed_week.html", {"closed": closed, "week": closed.week}, status=403
    )


def closed_week_of(request: HttpRequest) -> ClosedWeek | None:
    """The closed week a member was refused a post in, or None for any other refusal."""
    match = request.resolver_match
    user = request.user
    if match is None or not user.is_authenticated:
        return None
    writing = _writing_view(match.func)
    if writing is None:
        return None
    forum_pk = match.kwargs.get("forum_pk")
    if forum_pk is None:
        return None
    week_forum = WeekForum.objects.filter(forum_id=forum_pk).select_related("week").first()
    if week_forum is None:
        return None
    week = week_forum.week
    today = timezone.localdate()
    if week_forum.hidden or not week.live or week.state(today) != WeekState.CLOSED:
        return None
    if week.course is None:
        return None
    enrollments = staying_enrollments(week.course).filter(user=user)
    if enrollments.filter(role=Role.ORGANIZER).exists():
        return None
    posting = list(enrollments.filter(role__in=POSTING_ROLES))
    if not posting:
        return None
    allowances = [
        day for day in [week.late_posts_until, *(e.late_until for e in posting)] if day is not None
    ]
    late_until = max(allowances, default=None)
    if late_until is not None and late_until >= today:
        return None  # still accepted: the refusal is about something else
    _view, topic_key = writing
    topic = (
        Topic.objects.select_related("forum")
        .filter(pk=match.kwargs.get(topic_key), forum_id=forum_pk)
        .first()
        if topic_key
        else None
    )
    topic_url = (
        reverse(
            "forum_conversation:topic",
            args=[topic.forum.slug, topic.forum_id, topic.slug, topic.pk],
        )
        if topic is not None
        else ""
    )
    return ClosedWeek(week=week, late_until=late_until, topic_url=topic_url)


def _writing_view(view: Any) -> tuple[str, str | None] | None:
    """(machina's view name, its topic's URL keyword) if the view writes in a forum."""
    view_class = getattr(view, "view_class", None)
    if view_class is None:
        return None
    for name, topic_key in WRITING_VIEWS.items():
        if issubclass(view_class, get_class("forum_conversation.views", name)):
            return name, topic_key
    return None
