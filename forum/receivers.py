"""Wagtail page events → the machina mirror; course events → forum permissions.

Enrollments send `courses.signals.enrollment_changed` from their actions; communities are
the forum's own rows, and their receivers keep their forum and grants in step.
"""

from __future__ import annotations

from courses.identity import course_of_page
from courses.models import AfterCourse, CoursePage, Enrollment, WeekPage

from . import communities, mirror
from .models import CommunityOfPractice, CourseCategory, WeekForum
from .permissions import sync_course_permissions


def _sync(course: CoursePage | None) -> None:
    if course is not None:
        sync_course_permissions(course)


def _sync_id(course_id: int | None) -> None:
    # The course may be on its way out (its deletion cascades to its communities).
    _sync(CoursePage.objects.filter(pk=course_id).first() if course_id else None)


def week_published(sender, instance: WeekPage, revision=None, **kwargs) -> None:
    if kwargs.get("alias"):
        return
    poster = getattr(revision, "user", None)
    mirror.mirror_week(instance, poster=poster)
    _sync(course_of_page(instance))


def course_published(sender, instance: CoursePage, **kwargs) -> None:
    if kwargs.get("alias"):
        return
    mirror.mirror_course(instance)
    _sync(course_of_page(instance))


def week_unpublished(sender, instance: WeekPage, **kwargs) -> None:
    if mirror.hide_week(instance) is not None:
        _sync(course_of_page(instance))


def week_moved(sender, instance, parent_page_before, parent_page_after, **kwargs) -> None:
    if parent_page_before.pk == parent_page_after.pk:
        return  # reordered among its siblings
    mirror.follow_move(instance.specific)
    _sync(course_of_page(parent_page_before))
    _sync(course_of_page(parent_page_after))


def mirrored_forum_deleted(sender, instance: WeekForum | CourseCategory, **kwargs) -> None:
    """A deleted week or course takes its forum, topics and posts with it: no orphans."""
    mirror.delete_forum(instance.forum_id)


def enrollment_changed(sender, course: CoursePage, user_id: int, **kwargs) -> None:
    """`courses.signals.enrollment_changed`: grants follow; one who left stops following."""
    sync_course_permissions(course)
    left = Enrollment.objects.filter(
        course=course, user_id=user_id, after_course=AfterCourse.LEAVE
    ).select_related("user")
    for enrollment in left[:1]:
        communities.unsubscribe_from_course(enrollment.user, course)


def community_saved(sender, instance: CommunityOfPractice, raw=False, **kwargs) -> None:
    # A community without a course is changed by the `communities` actions, which open its
    # forum once approved and sync its grants themselves.
    if not raw and instance.course_id is not None:
        communities.open_community(instance)
        _sync_id(instance.course_id)


def community_members_changed(sender, instance, action: str, **kwargs) -> None:
    if (
        action in ("post_add", "post_remove", "post_clear")
        and isinstance(instance, CommunityOfPractice)
        and instance.course_id is not None
    ):
        _sync_id(instance.course_id)


def community_deleted(sender, instance: CommunityOfPractice, **kwargs) -> None:
    mirror.delete_forum(instance.forum_id)
    _sync_id(instance.course_id)
