"""Role → machina permissions for a course's forums: the single place that grants them.

machina shows nothing unless granted (MACHINA_DEFAULT_AUTHENTICATED_USER_FORUM_PERMISSIONS
is empty), so a course's forums are private unless the course says otherwise.

Grants go to groups, not to single users (but late-posting extensions, below): one Django
group per (course, role), e.g.
`course-12-participant` (12: the course's source page, see `courses.identity`), whose
members are exactly the course's enrollments in that role,
and one group per community of practice. machina's checker loads per-user rows with a
`select_related()` that does not follow their nullable `user` key (a query per row on every
page); group rows cost one query whatever the number of members.

What each role may do in a week's forum (hidden, i.e. unpublished, weeks: nothing):

| role | upcoming | open | closed, late posts accepted | closed |
| --- | --- | --- | --- | --- |
| participant, key respondent | read | read, post | read, post | read |
| organizer | read, post, moderate | same | same | same |
| translator | read | read | read | read |

A week accepts late posts until its `WeekPage.late_posts_until`. An organizer may also give
one member an extension (`Enrollment.late_until`): that member alone posts in the course's
closed weeks until then. Extensions are the one kind of per-user row we grant: they are few
and short-lived, so machina's query per user row stays cheap.

Everyone enrolled reads the course's category. A community of practice is read and written
by its members only (and moderated by those of them who organize the course). A public
course (`CoursePage.public_forum`) lets visitors and signed-in non-members read its
category and visible weeks: those few rows are machina's anonymous/"all authenticated" user
rows. Members who chose to leave after the course (`Enrollment.after_course`) are in no group.
Communities without a course (open or private, hosted, approved by the site's moderators)
have their own table and sync below (`sync_community_permissions`).

Week states change with the date, not with an event: `tasks.sync_course_permissions_daily`
runs the sync daily (Celery beat) so that a week opens and closes, and a late allowance
ends, on time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, cast

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from machina.core.db.models import get_model

from courses.identity import source_course, source_courses
from courses.models import AfterCourse, CoursePage, Enrollment, Role, WeekPage, WeekState
from members.moderators import site_moderators_group

from .communities import communities_category, open_community
from .course_of import course_forum_ids
from .models import CommunityOfPractice, CourseCategory, WeekForum
from .permission_handler import forget_granted_forums

ForumPermission: Any = get_model("forum_permission", "ForumPermission")
UserForumPermission: Any = get_model("forum_permission", "UserForumPermission")
GroupForumPermission: Any = get_model("forum_permission", "GroupForumPermission")

READ = ("can_see_forum", "can_read_forum", "can_download_file")
WRITE = (
    "can_start_new_topics",
    "can_reply_to_topics",
    "can_edit_own_posts",
    "can_delete_own_posts",
    "can_post_without_approval",
    "can_attach_file",
)
MODERATE = (
    "can_post_stickies",
    "can_post_announcements",
    "can_lock_topics",
    "can_move_topics",
    "can_edit_posts",
    "can_delete_posts",
    "can_approve_posts",
    "can_reply_to_locked_topics",
)
ANONYMOUS, AUTHENTICATED = "anonymous", "authenticated"


#: The roles that post in the weeks (organizers post everywhere anyway).
POSTING_ROLES = (Role.PARTICIPANT, Role.KEY_RESPONDENT)


def week_grants(role: str, state: WeekState, *, late: bool = False) -> tuple[str, ...]:
    """`late`: the week is closed but still accepts late posts."""
    if role == Role.ORGANIZER:
        return READ + WRITE + MODERATE
    if role in POSTING_ROLES and (state == WeekState.OPEN or (state == WeekState.CLOSED and late)):
        return READ + WRITE
    return READ


def role_group_name(course_id: int, role: str) -> str:
    return f"course-{course_id}-{role}"


def community_group_name(community_id: int) -> str:
    return f"community-{community_id}"


def staying_enrollments(course: CoursePage):
    """The course's enrollments that still give access: active people who did not leave."""
    return Enrollment.objects.filter(course=course, user__is_active=True).exclude(
        after_course=AfterCourse.LEAVE
    )


def sync_groups(course: CoursePage) -> tuple[dict[str, Group], dict[int, Group]]:
    """Bring each role group and community group to exactly its members."""
    by_role: dict[str, set[int]] = defaultdict(set)
    for user_id, role in staying_enrollments(course).values_list("user_id", "role"):
        by_role[role].add(user_id)
    role_groups = {}
    for role in Role.values:
        group, _created = Group.objects.get_or_create(name=role_group_name(course.pk, role))
        _set_members(group, by_role[role])
        role_groups[role] = group
    left = set(
        Enrollment.objects.filter(course=course, after_course=AfterCourse.LEAVE).values_list(
            "user_id", flat=True
        )
    )
    community_groups = {}
    for community in CommunityOfPractice.objects.filter(course=course).prefetch_related("members"):
        group, _created = Group.objects.get_or_create(name=community_group_name(community.pk))
        _set_members(group, {user.pk for user in community.members.all() if user.is_active} - left)
        community_groups[community.pk] = group
    return role_groups, community_groups


def desired_group_grants(
    course: CoursePage, role_groups: dict[str, Group], community_groups: dict[int, Group]
) -> set[tuple[int, int, str]]:
    """(group id, forum id, permission codename) for every grant the course calls for."""
    category = CourseCategory.objects.filter(course=course).first()
    grants: set[tuple[int, int, str]] = set()
    if category is None:
        return grants
    for group in role_groups.values():
        grants.update((group.pk, category.forum_id, codename) for codename in READ)
    for forum_id, week in visible_week_forums(course):
        state, late = week.state(), week.accepts_late_posts()
        for role, group in role_groups.items():
            grants.update(
                (group.pk, forum_id, codename) for codename in week_grants(role, state, late=late)
            )
    organizers = role_groups[Role.ORGANIZER]
    for community in CommunityOfPractice.objects.filter(course=course, forum__isnull=False):
        forum_id = cast(int, community.forum_id)  # the query asks for communities with a forum
        group = community_groups[community.pk]
        grants.update((group.pk, category.forum_id, codename) for codename in READ)
        grants.update((group.pk, forum_id, codename) for codename in READ + WRITE)
        moderators = _moderators_group(community, organizers)
        grants.update((moderators.pk, forum_id, codename) for codename in MODERATE)
    return grants


def desired_public_grants(course: CoursePage) -> set[tuple[str, int, str]]:
    """(anonymous|authenticated, forum id, codename): what a public course shows to all."""
    category = CourseCategory.objects.filter(course=course).first()
    if not course.public_forum or category is None:
        return set()
    forum_ids = [category.forum_id, *(forum_id for forum_id, _w in visible_week_forums(course))]
    return {
        (kind, forum_id, codename)
        for kind in (ANONYMOUS, AUTHENTICATED)
        for forum_id in forum_ids
        for codename in ("can_see_forum", "can_read_forum")
    }


def desired_extension_grants(course: CoursePage) -> set[tuple[int, int, str]]:
    """(user id, forum id, codename): members with an extension write in the closed weeks."""
    today = timezone.localdate()
    members = set(
        staying_enrollments(course)
        .filter(role__in=POSTING_ROLES, late_until__gte=today)
        .values_list("user_id", flat=True)
    )
    closed = [
        forum_id
        for forum_id, week in visible_week_forums(course)
        if week.state(today) == WeekState.CLOSED
    ]
    return {
        (user_id, forum_id, codename)
        for user_id in members
        for forum_id in closed
        for codename in WRITE
    }


def visible_week_forums(course: CoursePage) -> list[tuple[int, WeekPage]]:
    return [
        (week_forum.forum_id, week_forum.week)
        for week_forum in WeekForum.objects.filter(
            week__in=WeekPage.objects.child_of(course).live(), hidden=False
        ).select_related("week")
    ]


@transaction.atomic
def sync_course_permissions(course: CoursePage) -> None:
    """Make the groups and the grants on the course's forums exactly what its roles call for."""
    course = source_course(course)
    forum_ids = course_forum_ids(course)
    role_groups, community_groups = sync_groups(course)
    wanted = desired_group_grants(course, role_groups, community_groups)
    public = desired_public_grants(course)
    extensions = desired_extension_grants(course)
    permissions = _permissions(
        [codename for *_rest, codename in wanted]
        + [codename for *_rest, codename in public]
        + [codename for *_rest, codename in extensions]
    )

    existing = {
        (row.group_id, row.forum_id, row.permission.codename): row
        for row in GroupForumPermission.objects.filter(forum_id__in=forum_ids).select_related(
            "permission"
        )
    }
    GroupForumPermission.objects.filter(
        pk__in=[row.pk for key, row in existing.items() if key not in wanted or not row.has_perm]
    ).delete()
    kept = {key for key, row in existing.items() if key in wanted and row.has_perm}
    GroupForumPermission.objects.bulk_create(
        GroupForumPermission(
            group_id=group_id, forum_id=forum_id, permission=permissions[codename], has_perm=True
        )
        for group_id, forum_id, codename in sorted(wanted - kept)
    )

    # Per-user rows on these forums are the members' late-posting extensions only (earlier
    # versions granted others); anonymous and "all authenticated" rows follow the course's
    # public setting.
    existing_public = {}
    existing_extensions: set[tuple[int, int, str]] = set()
    stale = []
    for row in UserForumPermission.objects.filter(forum_id__in=forum_ids).select_related(
        "permission"
    ):
        kind = ANONYMOUS if row.anonymous_user else AUTHENTICATED if row.authenticated_user else ""
        key = (kind, row.forum_id, row.permission.codename)
        extension = (row.user_id, row.forum_id, row.permission.codename)
        if kind and key in public and row.has_perm and key not in existing_public:
            existing_public[key] = row
        elif (
            row.user_id
            and extension in extensions
            and row.has_perm
            and extension not in existing_extensions
        ):
            existing_extensions.add(extension)
        else:
            stale.append(row.pk)
    UserForumPermission.objects.filter(pk__in=stale).delete()
    UserForumPermission.objects.bulk_create(
        UserForumPermission(
            user_id=user_id, forum_id=forum_id, permission=permissions[codename], has_perm=True
        )
        for user_id, forum_id, codename in sorted(extensions - existing_extensions)
    )
    UserForumPermission.objects.bulk_create(
        UserForumPermission(
            anonymous_user=kind == ANONYMOUS,
            authenticated_user=kind == AUTHENTICATED,
            forum_id=forum_id,
            permission=permissions[codename],
            has_perm=True,
        )
        for kind, forum_id, codename in sorted(public - existing_public.keys())
    )
    # bulk_create sends no signal: the cached grants (forum.permission_handler) are stale.
    forget_granted_forums()


def sync_all_course_permissions() -> int:
    courses = list(source_courses())
    for course in courses:
        sync_course_permissions(course)
    return len(courses)


def _moderators_group(community: CommunityOfPractice, organizers: Group) -> Group:
    """Members of the community who organize the course moderate it."""
    group, _created = Group.objects.get_or_create(
        name=f"{community_group_name(community.pk)}-moderators"
    )
    members = set(community.members.values_list("pk", flat=True))
    _set_members(group, members & set(organizers.user_set.values_list("pk", flat=True)))
    return group


def _set_members(group: Group, user_ids: set[int]) -> None:
    current = set(group.user_set.values_list("pk", flat=True))
    if current - user_ids:
        group.user_set.remove(*(current - user_ids))
    if user_ids - current:
        group.user_set.add(*(user_ids - current))


def _permissions(codenames: Iterable[str]) -> dict[str, ForumPermission]:
    wanted = set(codenames)
    found = {p.codename: p for p in ForumPermission.objects.filter(codename__in=wanted)}
    for codename in wanted - found.keys():
        # machina creates them after migrate; a database created otherwise may lack some.
        found[codename] = ForumPermission.objects.create(codename=codename)
    return found


# ---------------------------------------------------------------------------
# Communities without a course (`communities` app)
# ---------------------------------------------------------------------------
def desired_community_grants(
    community: CommunityOfPractice, members: Group, hosts: Group, moderators: Group
) -> tuple[set[tuple[int, int, str]], set[tuple[str, int, str]]]:
    """(group id, forum id, codename) and (anonymous|authenticated, forum id, codename) for a
    community without a course.

    | who | open | private | proposed, declined |
    | --- | --- | --- | --- |
    | signed-in member of the site | read | nothing | nothing |
    | member of the community | read, post | read, post | nothing |
    | host | read, post, moderate | same | nothing |
    | site moderator | read, moderate | read, moderate | nothing |
    | anonymous visitor | nothing | nothing | nothing |

    Everyone signed in reads the communities' category, so that an open community (or one's
    own private one) is in the forum index; the category holds no topic.
    """
    groups: set[tuple[int, int, str]] = set()
    public: set[tuple[str, int, str]] = set()
    forum_id = community.forum_id
    if forum_id is None or community.status != CommunityOfPractice.Status.APPROVED:
        return groups, public
    groups.update((members.pk, forum_id, codename) for codename in READ + WRITE)
    groups.update((hosts.pk, forum_id, codename) for codename in READ + WRITE + MODERATE)
    groups.update((moderators.pk, forum_id, codename) for codename in READ + MODERATE)
    if community.access == CommunityOfPractice.Access.OPEN:
        public.update((AUTHENTICATED, forum_id, codename) for codename in READ)
    return groups, public


@transaction.atomic
def sync_community_permissions(community: CommunityOfPractice) -> None:
    """Make the groups and grants of a community's forum exactly what the table above calls
    for (a course's community: its course's sync)."""
    if community.course is not None:
        sync_course_permissions(community.course)
        return
    if community.status == CommunityOfPractice.Status.APPROVED:
        open_community(community)
    active = set(community.members.filter(is_active=True).values_list("pk", flat=True))
    members, _created = Group.objects.get_or_create(name=community_group_name(community.pk))
    _set_members(members, active)
    hosts, _created = Group.objects.get_or_create(
        name=f"{community_group_name(community.pk)}-moderators"
    )
    _set_members(hosts, active & set(community.hosts.values_list("pk", flat=True)))
    moderators = site_moderators_group()
    groups, public = desired_community_grants(community, members, hosts, moderators)
    forum_ids = [community.forum_id] if community.forum_id else []
    if forum_ids:
        category = communities_category()
        forum_ids.append(category.pk)
        groups.update((moderators.pk, category.pk, codename) for codename in READ)
        public.update((AUTHENTICATED, category.pk, codename) for codename in READ)
    _apply_grants(forum_ids, groups, public)


def _apply_grants(
    forum_ids: list[int], groups: set[tuple[int, int, str]], public: set[tuple[str, int, str]]
) -> None:
    """Group rows and anonymous/authenticated rows on these forums become exactly these."""
    permissions = _permissions([codename for *_rest, codename in groups | public])
    existing = {
        (row.group_id, row.forum_id, row.permission.codename): row
        for row in GroupForumPermission.objects.filter(forum_id__in=forum_ids).select_related(
            "permission"
        )
    }
    GroupForumPermission.objects.filter(
        pk__in=[row.pk for key, row in existing.items() if key not in groups or not row.has_perm]
    ).delete()
    kept = {key for key, row in existing.items() if key in groups and row.has_perm}
    GroupForumPermission.objects.bulk_create(
        GroupForumPermission(
            group_id=group_id, forum_id=forum_id, permission=permissions[codename], has_perm=True
        )
        for group_id, forum_id, codename in sorted(groups - kept)
    )
    present: set[tuple[str, int, str]] = set()
    stale = []
    for row in UserForumPermission.objects.filter(forum_id__in=forum_ids).select_related(
        "permission"
    ):
        kind = ANONYMOUS if row.anonymous_user else AUTHENTICATED if row.authenticated_user else ""
        key = (kind, row.forum_id, row.permission.codename)
        if kind and key in public and row.has_perm and key not in present:
            present.add(key)
        else:
            stale.append(row.pk)
    UserForumPermission.objects.filter(pk__in=stale).delete()
    UserForumPermission.objects.bulk_create(
        UserForumPermission(
            anonymous_user=kind == ANONYMOUS,
            authenticated_user=kind == AUTHENTICATED,
            forum_id=forum_id,
            permission=permissions[codename],
            has_perm=True,
        )
        for kind, forum_id, codename in sorted(public - present)
    )
    forget_granted_forums()
