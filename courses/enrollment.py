"""Enrollments: who is in a course, in which role. The actions that change them and the
queries other apps build on.

Every change to an enrollment goes through one action here (`enroll`, `change_role`,
`save_enrollment`, `choose_after_course`, `withdraw`). Each brings the course's own groups
and the site-wide role groups up to date itself, then sends `courses.signals.enrollment_changed`
(the forum re-derives its grants from it). No model-save receiver does business work: a reader
sees every consequence of an action in the action.

Enrollments always name the course's source page (`courses.identity`), whichever language
version of the course page the person came through.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, Group, User
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q, QuerySet

from members.kept import now_and_at_commit
from members.request_memo import per_request

from . import course_groups
from .editorial import KEY_RESPONDENTS_GROUP, ORGANIZERS_GROUP
from .identity import source_course, source_courses
from .models import AfterCourse, Application, CoursePage, Enrollment, Role, WeekPage
from .signals import enrollment_changed

# When a person holds several roles in a course, the one that decides what they may do.
ROLE_PRECEDENCE = [Role.ORGANIZER, Role.KEY_RESPONDENT, Role.TRANSLATOR, Role.PARTICIPANT]
# The site-wide group that gives each role the admin and its model permissions.
ROLE_GROUPS: dict[str, str] = {
    Role.ORGANIZER: ORGANIZERS_GROUP,
    Role.KEY_RESPONDENT: KEY_RESPONDENTS_GROUP,
}


# ---------------------------------------------------------------------------
# Actions
# ---------------------------------------------------------------------------
@transaction.atomic
def enroll(
    *, course: CoursePage, user: User, role: Role | str, week: WeekPage | None = None
) -> Enrollment:
    """Give `user` `role` in `course`; enrolling again only updates the assigned week."""
    course = source_course(course)
    enrollment = Enrollment.objects.filter(course=course, user=user, role=role).first()
    if enrollment is None:
        enrollment = Enrollment(course=course, user=user, role=role)
    elif week is None or enrollment.week_id == week.pk:
        return enrollment
    enrollment.week = week
    enrollment.full_clean(validate_unique=False)
    enrollment.save()
    rights_changed(course=course, user_id=user.pk, roles={role})
    return enrollment


@transaction.atomic
def change_role(
    enrollment: Enrollment, *, role: Role | str, week: WeekPage | None = None
) -> Enrollment:
    """The person keeps their place in the course under another role (and week)."""
    before = Role(enrollment.role)
    enrollment.role = role
    enrollment.week = week
    return save_enrollment(enrollment, before=(enrollment.course_id, enrollment.user_id, before))


@transaction.atomic
def save_enrollment(
    enrollment: Enrollment, *, before: tuple[int, int, str] | None = None
) -> Enrollment:
    """Save an enrollment edited as a whole; its old and new places both follow.

    ``before`` is (course id, user id, role) as stored; read from the database if not given.
    """
    if before is None and enrollment.pk is not None:
        before = stored_place(enrollment)
    enrollment.course = source_course(enrollment.course)
    enrollment.save()
    enrollment_saved(enrollment, before=before)
    return enrollment


def stored_place(enrollment: Enrollment) -> tuple[int, int, str] | None:
    """(course id, user id, role) of the enrollment as the database has it."""
    return (
        Enrollment.objects.filter(pk=enrollment.pk)
        .values_list("course_id", "user_id", "role")
        .first()
    )


def enrollment_saved(enrollment: Enrollment, *, before: tuple[int, int, str] | None) -> None:
    """The consequences of saving an enrollment (the admin's forms save through Wagtail's
    own action, which logs the change, then call this)."""
    if before is not None and before[:2] != (enrollment.course_id, enrollment.user_id):
        old_course = CoursePage.objects.filter(pk=before[0]).first()
        if old_course is not None:
            rights_changed(course=old_course, user_id=before[1], roles={before[2]})
        else:
            _sync_role_groups(before[1], {before[2]})
    roles = {enrollment.role, *([before[2]] if before else [])}
    rights_changed(course=enrollment.course, user_id=enrollment.user_id, roles=roles)


@transaction.atomic
def choose_after_course(*, course: CoursePage, user: User, choice: AfterCourse | str) -> int:
    """Once the course has ended: stay in touch, or leave its forums and subscriptions."""
    course = source_course(course)
    changed = Enrollment.objects.filter(course=course, user=user).update(after_course=choice)
    if changed:
        rights_changed(course=course, user_id=user.pk, roles=set())
    return changed


@transaction.atomic
def withdraw(*, course: CoursePage, user: User, role: Role | str | None = None) -> int:
    """Take `user` out of `course` (in one role, or in all of them)."""
    course = source_course(course)
    enrollments = Enrollment.objects.filter(course=course, user=user)
    if role is not None:
        enrollments = enrollments.filter(role=role)
    roles = set(enrollments.values_list("role", flat=True))
    deleted, _by_model = enrollments.delete()
    if deleted:
        rights_changed(course=course, user_id=user.pk, roles=roles)
    return deleted


def enrollment_deleted(enrollment: Enrollment) -> None:
    """The consequences of the admin's delete (Wagtail's action deletes and logs it):
    the same as withdrawing from that one role."""
    course = CoursePage.objects.filter(pk=enrollment.course_id).first()
    if course is not None:
        rights_changed(course=course, user_id=enrollment.user_id, roles={enrollment.role})


def rights_changed(*, course: CoursePage, user_id: int, roles: set[str]) -> None:
    """What follows any enrollment change: the course's groups, the role groups, the signal."""
    forget_enrollments(course.pk, user_id)  # a queryset's delete sends no post_delete
    course_groups.sync_course_membership(user_id, course)
    _sync_role_groups(user_id, roles)
    enrollment_changed.send(sender=Enrollment, course=course, user_id=user_id)


def _sync_role_groups(user_id: int, roles: set[str]) -> None:
    """In a role's site-wide group while any course still gives the user that role."""
    for role in roles:
        group_name = ROLE_GROUPS.get(role)
        if not group_name:
            continue
        if Enrollment.objects.filter(user_id=user_id, role=role).exists():
            Group.objects.get_or_create(name=group_name)[0].user_set.add(user_id)
        else:
            for group in Group.objects.filter(name=group_name):
                group.user_set.remove(user_id)


# ---------------------------------------------------------------------------
# Queries
# ---------------------------------------------------------------------------
#: Enrollments change only through an enrollment's save or delete, which forget them
#: (receivers in courses/apps.py) and through `rights_changed`; the expiry bounds a change
#: that raced a read.
ROLES_CACHE_SECONDS = 600


def roles_cache_key(course_id: int, user_id: int) -> str:
    return f"puentes:course-enrollments:{course_id}:{user_id}"


def course_roles(user: User | AnonymousUser, course: CoursePage) -> set[Role]:
    """The user's roles in the course, from the cache (pages ask several times a request,
    and every request of a member asks again)."""
    return {Role(role) for role, _week, _after in course_enrollments(user, course)}


def course_enrollments(
    user: User | AnonymousUser, course: CoursePage
) -> tuple[tuple[str, int | None, str], ...]:
    """The user's enrollments in the course, each as (role, week id, after the course), from
    the cache: a topic page asks whether the reader is the week's key respondent, an
    organizer, a harvester."""
    return enrollments_in(user, source_course(course).pk)


def enrollments_in(
    user: User | AnonymousUser, course_id: int
) -> tuple[tuple[str, int | None, str], ...]:
    """`course_enrollments`, for a course known by its (source page's) id."""
    if not user.is_authenticated:
        return ()
    return _cached_enrollments(course_id, user.pk)


@per_request
def _cached_enrollments(course_id: int, user_id: int) -> tuple[tuple[str, int | None, str], ...]:
    def read() -> list[tuple[str, int | None, str]]:
        enrollments = Enrollment.objects.filter(course_id=course_id, user_id=user_id)
        return list(enrollments.values_list("role", "week_id", "after_course"))

    values = cache.get_or_set(roles_cache_key(course_id, user_id), read, ROLES_CACHE_SECONDS) or []
    return tuple((role, week_id, after) for role, week_id, after in values)


def roles_anywhere_cache_key(user_id: int) -> str:
    return f"puentes:roles-anywhere:{user_id}"


def roles_anywhere(user: User | AnonymousUser) -> frozenset[str]:
    """Every role the user holds in any course, from the cache: every page asks whether
    they answer questions (the header) or translate (the texts' controls)."""
    if not user.is_authenticated:
        return frozenset()
    return _roles_anywhere(user.pk)


@per_request
def _roles_anywhere(user_id: int) -> frozenset[str]:
    def read() -> list[str]:
        return sorted(
            set(Enrollment.objects.filter(user_id=user_id).values_list("role", flat=True))
        )

    found = cache.get_or_set(roles_anywhere_cache_key(user_id), read, ROLES_CACHE_SECONDS) or []
    return frozenset(found)


def is_key_respondent(user: User | AnonymousUser) -> bool:
    """Key respondent in some course (the header's waiting questions ask on every page)."""
    return Role.KEY_RESPONDENT in roles_anywhere(user)


def forget_course_roles(sender, instance: Enrollment, **kwargs) -> None:
    """An enrollment saved or deleted: its member's enrollments are read again."""
    forget_enrollments(instance.course_id, instance.user_id)


def forget_enrollments(course_id: int, user_id: int) -> None:
    """Now (this transaction's own reads) and again once committed: a read elsewhere between
    the two found the rows as they were, and kept them."""
    keys = [roles_cache_key(course_id, user_id), roles_anywhere_cache_key(user_id)]
    now_and_at_commit(lambda: cache.delete_many(keys))


def course_role(user: User | AnonymousUser, course: CoursePage) -> Role | None:
    """The user's deciding role in the course (see ROLE_PRECEDENCE), None if not enrolled."""
    roles = course_roles(user, course)
    return next((role for role in ROLE_PRECEDENCE if role in roles), None)


def organized_courses(user: User | AnonymousUser) -> QuerySet[CoursePage]:
    """The courses (source pages) the user organizes; every course for superusers."""
    if not user.is_authenticated or not user.is_active:
        return CoursePage.objects.none()
    if user.is_superuser:
        return source_courses()
    return source_courses().filter(enrollments__user=user, enrollments__role=Role.ORGANIZER)


def people_of_organized_courses(user: User | AnonymousUser) -> QuerySet[User]:
    """Whom the user may pick in the admin (to enroll, to add to a community): the members
    of and applicants to the courses they organize; every account for superusers."""
    if not user.is_authenticated or not user.is_active:
        return User.objects.none()
    if user.is_superuser:
        return User.objects.all()
    courses = organized_courses(user)
    return User.objects.filter(
        Q(pk__in=Enrollment.objects.filter(course__in=courses).values("user"))
        | Q(pk__in=Application.objects.filter(course__in=courses).values("user"))
    )


__all__ = [
    "ROLE_PRECEDENCE",
    "change_role",
    "choose_after_course",
    "course_role",
    "course_roles",
    "enrollment_deleted",
    "enrollment_saved",
    "enroll",
    "organized_courses",
    "people_of_organized_courses",
    "rights_changed",
    "save_enrollment",
    "stored_place",
    "withdraw",
]
