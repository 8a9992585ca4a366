"""What the post editor asks the server while a member writes (static/js/editor.js).

Two small JSON endpoints, both for the members who may post in the forum they write in:
the preview renders the text with the very function that renders posts (forum.markdown:
markdown-it, then the nh3 sanitiser), so the preview shows what the post will show; and
@mention completion suggests at most MENTION_LIMIT members of the forum's course whom the
writer may see (forum.member_visibility), never the site's accounts. Without JavaScript
machina's own "Preview" button does the same through the form.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from machina.core.db.models import get_model

from courses.models import AfterCourse, Enrollment
from members.templatetags.member_names import member_name

from .course_of import course_of
from .forms import POST_MAX_CHARACTERS
from .markdown import render_markdown
from .member_visibility import may_see_member
from .permission_handler import PermissionHandler

Forum: Any = get_model("forum", "Forum")

#: The most members one completion offers.
MENTION_LIMIT = 8
#: Course members looked at to fill the list (those the writer may not see are dropped).
_MENTION_CANDIDATES = 50


def may_write_in(forum, user: User | AnonymousUser) -> bool:
    """May `user` post in `forum`: start a topic there, or reply to its topics."""
    if not user.is_authenticated or not user.is_active:
        return False
    handler = PermissionHandler()
    return handler.can_add_topic(forum, user) or handler._perform_basic_permission_check(
        forum, user, "can_reply_to_topics"
    )


def _refused() -> JsonResponse:
    return JsonResponse({"message": _("You may not write in this forum.")}, status=403)


@require_POST
def preview(request: HttpRequest, forum_slug: str, forum_pk: int) -> JsonResponse:
    """`{"content": "..."}` → `{"html": "..."}`, the post as it will be shown."""
    forum = get_object_or_404(Forum, pk=forum_pk)
    if not may_write_in(forum, request.user):
        return _refused()
    try:
        content = json.loads(request.body or b"{}").get("content", "")
    except (ValueError, AttributeError):
        content = None
    if not isinstance(content, str) or len(content) > POST_MAX_CHARACTERS:
        return JsonResponse({"message": _("Nothing to preview.")}, status=400)
    return JsonResponse({"html": render_markdown(content)})


@require_GET
def mentions(request: HttpRequest, forum_slug: str, forum_pk: int) -> JsonResponse:
    """`?q=<letters>` → the course members whose username or name begins with them."""
    forum = get_object_or_404(Forum, pk=forum_pk)
    user = request.user
    if not isinstance(user, User) or not may_write_in(forum, user):
        return _refused()
    query = request.GET.get("q", "").strip().lstrip("@")
    course = course_of(forum)
    if not query or course is None:
        return JsonResponse({"members": []})
    return JsonResponse({"members": mention_suggestions(user, course, query)})


def mention_suggestions(viewer: User, course, query: str) -> list[dict[str, str]]:
    """At most MENTION_LIMIT staying members of `course` matching `query` that `viewer` may see."""
    enrolled = Enrollment.objects.filter(course=course).exclude(after_course=AfterCourse.LEAVE)
    candidates = (
        User.objects.filter(is_active=True, pk__in=enrolled.values("user_id"))
        .exclude(pk=viewer.pk)
        .filter(
            Q(username__istartswith=query)
            | Q(first_name__istartswith=query)
            | Q(last_name__istartswith=query)
            | Q(puentes_profile__display_name__istartswith=query)
            | Q(puentes_profile__display_name__icontains=f" {query}")
        )
        .select_related("puentes_profile")
        .order_by("username")[:_MENTION_CANDIDATES]
    )
    found: list[dict[str, str]] = []
    for member in candidates:
        if may_see_member(viewer, member):
            found.append({"username": member.username, "name": member_name(member)})
            if len(found) == MENTION_LIMIT:
                break
    return found
