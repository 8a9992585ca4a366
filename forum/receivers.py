"""Wagtail page events → the machina mirror; enrollments → forum permissions."""

from __future__ import annotations

from courses.models import AfterCourse, CoursePage, Enrollment, WeekPage

from . import communities, mirror
from .models import CommunityOfPractice, CourseCategory, WeekForum
from .permissions import sync_course_permissions


def _sync(course_id: int | None) -> None:
    # The course may be on its way out (its deletion cascades to its enrollments).
    course = CoursePage.objects.filter(pk=course_id).first() if course_id else None
    if course is not None:
        sync_course_permissions(course)


def week_published(sender, instance: WeekPage, revision=None, **kwargs) -> None:
    if kwargs.get("alias"):
        return
    poster = getattr(revision, "user", None)
    mirror.mirror_week(instance, poster=poster)
    _sync(instance.get_parent().pk)


def course_published(sender, instance: CoursePage, **kwargs) -> None:
    if kwargs.get("alias"):
        return
    mirror.mirror_course(instance)
    _sync(instance.pk)


def week_unpublished(sender, instance: WeekPage, **kwargs) -> None:
    if mirror.hide_week(instance) is not None:
        _sync(instance.get_parent().pk)


def week_moved(sender, instance, parent_page_before, parent_page_after, **kwargs) -> None:
    if parent_page_before.pk == parent_page_after.pk:
        return  # reordered among its siblings
    mirror.follow_move(instance.specific)
    _sync(parent_page_before.pk)
    _sync(parent_page_after.pk)


def mirrored_forum_deleted(sender, instance: WeekForum | CourseCategory, **kwargs) -> None:
    """A deleted week or course takes its forum, topics and posts with it: no orphans."""
    mirror.delete_forum(instance.forum_id)


def enrollment_changed(sender, instance: Enrollment, raw=False, **kwargs) -> None:
    if raw:
        return
    _sync(instance.course_id)
    if instance.after_course == AfterCourse.LEAVE and instance.pk is not None:
        communities.unsubscribe_from_course(instance.user, instance.course_id)


def community_saved(sender, instance: CommunityOfPractice, raw=False, **kwargs) -> None:
    if not raw:
        communities.open_community(instance)
        _sync(instance.course_id)


def community_members_changed(sender, instance, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear") and isinstance(
        instance, CommunityOfPractice
    ):
        _sync(instance.course_id)


def community_deleted(sender, instance: CommunityOfPractice, **kwargs) -> None:
    mirror.delete_forum(instance.forum_id)
    _sync(instance.course_id)
