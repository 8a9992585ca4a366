"""Role → machina permissions for a course's forums: the single place that grants them.

machina shows nothing unless granted (MACHINA_DEFAULT_AUTHENTICATED_USER_FORUM_PERMISSIONS
is empty), so a course's forums are private: visitors and people not enrolled see none of
them. `sync_course_permissions` owns every per-user grant on a course's category and week
forums; it computes what each enrollment should have and brings machina's
UserForumPermission rows to exactly that. Hidden (unpublished) weeks get no grant at all.

What the roles get for now (the full matrix comes with applications, issue #5):
- everyone enrolled reads the course's category and its visible weeks;
- participants and key respondents post in the open week only;
- organizers post in every visible week and pin, lock and edit topics.

Week states change with the date, not with an event: `tasks.sync_all_course_permissions`
runs the sync daily (Celery beat) so that a week opens and closes on time.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from machina.core.db.models import get_model

from courses.models import CoursePage, Enrollment, Role, WeekPage, WeekState

from .models import CourseCategory, WeekForum

ForumPermission = get_model("forum_permission", "ForumPermission")
UserForumPermission = get_model("forum_permission", "UserForumPermission")

READ = ("can_see_forum", "can_read_forum")
WRITE = (
    "can_start_new_topics",
    "can_reply_to_topics",
    "can_edit_own_posts",
    "can_delete_own_posts",
    "can_post_without_approval",
)
ORGANIZE = ("can_post_stickies", "can_lock_topics", "can_edit_posts", "can_delete_posts")


def week_grants(role: str, state: WeekState) -> tuple[str, ...]:
    if role == Role.ORGANIZER:
        return READ + WRITE + ORGANIZE
    if role in (Role.PARTICIPANT, Role.KEY_RESPONDENT) and state == WeekState.OPEN:
        return READ + WRITE
    return READ


def course_forum_ids(course: CoursePage) -> list[int]:
    category_ids = CourseCategory.objects.filter(course=course).values_list("forum_id", flat=True)
    week_ids = WeekForum.objects.filter(week__in=WeekPage.objects.child_of(course)).values_list(
        "forum_id", flat=True
    )
    return [*category_ids, *week_ids]


def desired_grants(course: CoursePage) -> set[tuple[int, int, str]]:
    """(user id, forum id, permission codename) for every grant the course's roles call for."""
    category = CourseCategory.objects.filter(course=course).first()
    visible_weeks = [
        (week_forum.forum_id, week_forum.week.state())
        for week_forum in WeekForum.objects.filter(
            week__in=WeekPage.objects.child_of(course).live(), hidden=False
        ).select_related("week")
    ]
    grants: set[tuple[int, int, str]] = set()
    for user_id, role in Enrollment.objects.filter(course=course, user__is_active=True).values_list(
        "user_id", "role"
    ):
        if category is not None:
            grants.update((user_id, category.forum_id, codename) for codename in READ)
        for forum_id, state in visible_weeks:
            grants.update((user_id, forum_id, codename) for codename in week_grants(role, state))
    return grants


@transaction.atomic
def sync_course_permissions(course: CoursePage) -> None:
    """Make the per-user grants on the course's forums exactly `desired_grants(course)`."""
    forum_ids = course_forum_ids(course)
    wanted = desired_grants(course)
    permissions = _permissions(codename for _user, _forum, codename in wanted)
    existing = {
        (row.user_id, row.forum_id, row.permission.codename): row
        for row in UserForumPermission.objects.filter(
            forum_id__in=forum_ids, user__isnull=False
        ).select_related("permission")
    }
    stale = [row.pk for key, row in existing.items() if key not in wanted or not row.has_perm]
    UserForumPermission.objects.filter(pk__in=stale).delete()
    kept = {key for key, row in existing.items() if key in wanted and row.has_perm}
    UserForumPermission.objects.bulk_create(
        UserForumPermission(
            user_id=user_id, forum_id=forum_id, permission=permissions[codename], has_perm=True
        )
        for user_id, forum_id, codename in sorted(wanted - kept)
    )


def sync_all_course_permissions() -> int:
    courses = CoursePage.objects.all()
    for course in courses:
        sync_course_permissions(course)
    return len(courses)


def _permissions(codenames: Iterable[str]) -> dict[str, ForumPermission]:
    wanted = set(codenames)
    found = {p.codename: p for p in ForumPermission.objects.filter(codename__in=wanted)}
    for codename in wanted - found.keys():
        # machina creates them after migrate; a database created otherwise may lack some.
        found[codename] = ForumPermission.objects.create(codename=codename)
    return found
