"""The notification centre, a member's notification preferences and forum subscriptions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from machina.core.db.models import get_model
from wagtail.models import Page

from courses.models import AfterCourse, Enrollment
from forum.course_of import course_forum_ids
from forum.models import WeekForum
from forum.permission_handler import PermissionHandler
from members.http import AuthenticatedHttpRequest
from translations.display import reader_languages, topic_subjects_as_read
from translations.shown_texts import texts_of

from . import preferences
from .forms import NotificationSettingsForm
from .models import ForumSubscription, Notice, SubscriptionMode
from .rendering import RenderedNotice, render_notice, render_notices
from .unread import forget_unread

Forum: Any = get_model("forum", "Forum")
Topic: Any = get_model("forum_conversation", "Topic")
Post: Any = get_model("forum_conversation", "Post")

NOTICES_PER_PAGE = 20


def _handler(request: HttpRequest):
    return getattr(request, "forum_permission_handler", None) or PermissionHandler()


def _safe_path(request: HttpRequest, url: str, fallback: str) -> str:
    """`url` if it stays on this site, else `fallback`."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback


# ---------------------------------------------------------------------------
# The centre
# ---------------------------------------------------------------------------
@login_required
def centre(request: AuthenticatedHttpRequest) -> HttpResponse:
    notices = Notice.objects.filter(recipient=request.user).order_by("-created_at", "-pk")
    page = Paginator(notices, NOTICES_PER_PAGE).get_page(request.GET.get("page"))
    items = withhold_unreadable(request, render_notices(page.object_list, request.user))
    unread = Notice.objects.filter(recipient=request.user, read_at__isnull=True).count()
    request._puentes_unread_notices = unread  # type: ignore[attr-defined]  # the header's
    return render(
        request,
        "notifications/centre.html",
        {
            "page_obj": page,
            "items": items,
            "unread": unread,
            # "0 minutes ago" reads oddly: under a minute, "just now".
            "a_minute_ago": timezone.now() - timedelta(minutes=1),
        },
    )


def readable(request: AuthenticatedHttpRequest, notices: list[Notice]) -> set[int]:
    """The notices whose post or page the member may still read (a post hidden, a member
    withdrawn, a page unpublished since): a fixed number of queries."""
    post_ids = {notice.post_id for notice in notices if notice.post_id}
    page_ids = {notice.page_id for notice in notices if notice.page_id and not notice.post_id}
    posts = (
        set(
            _handler(request)
            .readable_posts(Post.objects.filter(pk__in=post_ids), request.user)
            .values_list("pk", flat=True)
        )
        if post_ids
        else set()
    )
    pages = (
        set(Page.objects.live().filter(pk__in=page_ids).values_list("pk", flat=True))
        if page_ids
        else set()
    )
    return {
        notice.pk
        for notice in notices
        if (notice.post_id in posts if notice.post_id else True)
        and (notice.page_id in pages if notice.page_id and not notice.post_id else True)
    }


def withhold_unreadable(
    request: AuthenticatedHttpRequest, items: list[RenderedNotice]
) -> list[RenderedNotice]:
    """What the member may no longer read is not quoted, nor linked to."""
    notices = [item.notice for item in items if item.notice is not None]
    allowed = readable(request, notices)
    for item in items:
        if item.notice is not None and item.notice.pk not in allowed:
            item.title = item.excerpt = None
            item.label = ""
            item.path = ""
    return items


@login_required
def open_notice(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Marks the notice read and goes to what it is about (only ever a path of this site)."""
    notice = get_object_or_404(Notice, pk=pk, recipient=request.user)
    if notice.read_at is None:
        Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=timezone.now())
        forget_unread([request.user.pk])
    if not readable(request, [notice]):
        messages.info(request, _("What this notification was about is no longer available to you."))
        return redirect("notifications:centre")
    path = render_notice(notice, request.user).path
    return HttpResponseRedirect(_safe_path(request, path, reverse("notifications:centre")))


@login_required
@require_POST
def mark_all_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    count = Notice.objects.filter(recipient=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    forget_unread([request.user.pk])
    if count:
        messages.success(request, _("All your notifications are marked as read."))
    return redirect("notifications:centre")


# ---------------------------------------------------------------------------
# Preferences
# ---------------------------------------------------------------------------
def member_forums(request: AuthenticatedHttpRequest) -> list[tuple[Any, str, str, bool]]:
    """(forum, name as read, mode, follows) for the week forums of the member's courses
    that they may read, but those whose subscriptions are disabled."""
    user = request.user
    courses = {
        enrollment.course
        for enrollment in Enrollment.objects.filter(user=user)
        .exclude(after_course=AfterCourse.LEAVE)
        .select_related("course")
    }
    forum_ids: set[int] = set()
    for course in courses:
        forum_ids.update(course_forum_ids(course))
    rows = list(
        WeekForum.objects.filter(forum_id__in=forum_ids, hidden=False)
        .select_related("forum")
        .order_by("week__path")
    )
    handler = _handler(request)
    forums = [row.forum for row in rows if handler.can_read_forum(row.forum, user)]
    modes = preferences.forum_modes(forums)
    chosen = dict(
        ForumSubscription.objects.filter(user=user, forum__in=forums).values_list(
            "forum_id", "subscribed"
        )
    )
    language, reads = reader_languages(user, get_language() or "en")
    names = texts_of(forums, language=language, reads=reads)
    listed = []
    for forum, texts in zip(forums, names, strict=True):
        mode = modes[forum.pk]
        if mode == SubscriptionMode.DISABLED:
            continue
        name = texts.get("name", forum.name).shown
        listed.append((forum, name, mode, preferences.follows(mode, chosen.get(forum.pk))))
    return listed


def member_courses(request: AuthenticatedHttpRequest) -> list[tuple[Any, str]]:
    """(course, title as read) of the member's courses, for muting their emails."""
    user = request.user
    courses = list(
        dict.fromkeys(
            enrollment.course
            for enrollment in Enrollment.objects.filter(user=user)
            .exclude(after_course=AfterCourse.LEAVE)
            .select_related("course")
            .order_by("course__path")
        )
    )
    language, reads = reader_languages(user, get_language() or "en")
    titles = texts_of(courses, language=language, reads=reads)
    return [
        (course, texts.get("title", course.title).shown or course.title)
        for course, texts in zip(courses, titles, strict=True)
    ]


def followed_topics(request: AuthenticatedHttpRequest) -> list[tuple[Any, str]]:
    """(topic, subject as read) of the topics the member follows and may still read."""
    user = request.user
    handler = _handler(request)
    topics = [
        topic
        for topic in Topic.objects.filter(subscribers=user)
        .select_related("forum")
        .order_by("-last_post_on", "-pk")
        if handler.can_read_forum(topic.forum, user)
    ]
    language, reads = reader_languages(user, get_language() or "en")
    subjects = topic_subjects_as_read(
        [(topic.pk, topic.first_post_id) for topic in topics if topic.first_post_id],
        language=language,
        reads=reads,
    )
    return [(topic, subjects.get(topic.pk) or topic.subject) for topic in topics]


@login_required
def preferences_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    settings_row = preferences.settings_for(request.user)
    forums = member_forums(request)
    form = NotificationSettingsForm(
        request.POST or None,
        instance=settings_row,
        forums=forums,
        courses=member_courses(request),
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            row = form.save(commit=False)
            row.user = request.user
            row.save()
            form.save_m2m()  # alerts' themes and regions, muted courses
            for forum, follow in form.chosen_forums():
                ForumSubscription.objects.update_or_create(
                    user=request.user, forum=forum, defaults={"subscribed": follow}
                )
        preferences.forget_cached_settings(request.user)
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "topics": followed_topics(request)},
    )


@login_required
@require_POST
def follow_forum(request: AuthenticatedHttpRequest, forum_id: int) -> HttpResponse:
    """Subscribe to or leave a forum, as its mode allows (`follow`: "1" or "0")."""
    forum = get_object_or_404(Forum, pk=forum_id)
    if not _handler(request).can_read_forum(forum, request.user):
        raise Http404
    mode = preferences.forum_mode(forum)
    wanted = request.POST.get("follow") == "1"
    if mode in (SubscriptionMode.OPTIONAL, SubscriptionMode.AUTO):
        preferences.set_forum_subscription(request.user, forum, wanted)
        if wanted:
            messages.success(request, _("You follow this forum: you will be told of new posts."))
        else:
            messages.success(request, _("You no longer follow this forum."))
    elif mode == SubscriptionMode.FORCED:
        messages.info(request, _("The organizers require every member to follow this forum."))
    else:
        messages.info(request, _("Subscriptions are turned off for this forum."))
    fallback = reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})
    return redirect(_safe_path(request, request.POST.get("next", ""), fallback))


@login_required
@require_POST
def unfollow_topic(request: AuthenticatedHttpRequest, topic_id: int) -> HttpResponse:
    topic = get_object_or_404(Topic.objects.filter(subscribers=request.user), pk=topic_id)
    topic.subscribers.remove(request.user)
    messages.success(request, _("You no longer follow this topic."))
    return redirect("notifications:preferences")
