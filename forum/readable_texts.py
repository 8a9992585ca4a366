"""Which texts of pages and forums a person may see: the review queue, the text editor and
search ask here, so that none of them shows a text its page or forum would not.

A page is seen when it is live, under no page that is not (Wagtail serves nothing of an
unpublished section), and every view restriction above it lets the request through
(Wagtail's own check, `PageViewRestriction.accept_request`: signed in, in a group, the
password given). A forum's name is seen by those who may read the forum (machina's read
rights, as `forum.permission_handler` narrows them). The texts of projects, communities,
profiles and harvested passages are seen as their apps' own rights say
(`forum.reviewable_texts`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from machina.core.db.models import get_model
from wagtail.models import Page, PageViewRestriction, get_page_models

from courses.models import CoursePage
from translations.models import TextSource

from . import reviewable_texts
from .course_of import course_forum_ids
from .models import WeekForum
from .permission_handler import PermissionHandler

Forum: Any = get_model("forum", "Forum")


class ForumRequest(Protocol):
    """A request that went through the forum's permission middleware."""

    user: Any
    session: Any
    forum_permission_handler: PermissionHandler


def page_content_type_ids() -> list[int]:
    return [ContentType.objects.get_for_model(model).pk for model in get_page_models()]


def forum_content_type_id() -> int:
    return ContentType.objects.get_for_model(Forum).pk


def _hidden_paths(request: ForumRequest | HttpRequest) -> list[str]:
    """The tree paths under which nothing is shown to this request."""
    unpublished = Page.objects.filter(live=False, numchild__gt=0).values_list("path", flat=True)
    refused = [
        restriction.page.path
        for restriction in PageViewRestriction.objects.select_related("page")
        if not restriction.accept_request(request)
    ]
    return [*unpublished, *refused]


def visible_page_ids(request: ForumRequest | HttpRequest, pages: QuerySet[Page]) -> set[int]:
    """The ids of those of ``pages`` that Wagtail would serve to this request."""
    hidden = _hidden_paths(request)
    return {
        pk
        for pk, path in pages.filter(live=True).values_list("pk", "path")
        if not any(path.startswith(prefix) for prefix in hidden)
    }


def readable_forum_ids(request: ForumRequest, forum_ids: Iterable[int] | None = None) -> set[int]:
    forums = Forum.objects.all() if forum_ids is None else Forum.objects.filter(pk__in=forum_ids)
    readable = request.forum_permission_handler.get_readable_forums(forums, request.user)
    return {forum.pk for forum in readable}


def course_pages(courses: Iterable[CoursePage], week_forum_id: int | None = None):
    """The pages of these courses (or of one of their weeks: its page and its case studies)."""
    query = Q()
    for course in courses:
        query |= Page.objects.descendant_of_q(course, inclusive=True)
    if not query:
        return Page.objects.none()
    pages = Page.objects.filter(query)
    if week_forum_id:
        week = WeekForum.objects.filter(forum_id=week_forum_id).select_related("week").first()
        if week is None:
            return Page.objects.none()
        pages = pages.descendant_of(week.week, inclusive=True)
    return pages


def sources_of(page_ids: Iterable[int], forum_ids: Iterable[int]) -> QuerySet[TextSource]:
    return TextSource.objects.filter(
        Q(content_type_id__in=page_content_type_ids(), object_id__in=list(page_ids))
        | Q(content_type_id=forum_content_type_id(), object_id__in=list(forum_ids))
    )


def course_sources(
    request: ForumRequest, courses: Iterable[CoursePage], week_forum_id: int | None = None
) -> QuerySet[TextSource]:
    """The texts of these courses' pages, forums and registered objects (harvested passages)
    that this request may see."""
    courses = list(courses)
    page_ids = visible_page_ids(request, course_pages(courses, week_forum_id))
    forum_ids = [forum_id for course in courses for forum_id in course_forum_ids(course)]
    if week_forum_id:
        forum_ids = [forum_id for forum_id in forum_ids if forum_id == week_forum_id]
    return sources_of(page_ids, readable_forum_ids(request, forum_ids)) | (
        reviewable_texts.course_sources(request.user, courses, week_forum_id)
    )


def object_of(source: TextSource) -> Any:
    """The page (specific), forum or registered object the text belongs to; None when it is
    gone."""
    if source.content_type_id == forum_content_type_id():
        return Forum.objects.filter(pk=source.object_id).first()
    if source.content_type_id in page_content_type_ids():
        page = Page.objects.filter(pk=source.object_id).first()
        return page.specific if page is not None else None
    return reviewable_texts.object_of(source)


def may_see_object(request: ForumRequest, obj: Any, field: str = "") -> bool:
    """Whether the request may see the object (and its text ``field``, when given: a
    member shows their bio or not)."""
    if isinstance(obj, Page):
        return obj.pk in visible_page_ids(request, Page.objects.filter(pk=obj.pk))
    if isinstance(obj, Forum):
        return obj.pk in readable_forum_ids(request, [obj.pk])
    return reviewable_texts.may_see(request.user, obj, field)
