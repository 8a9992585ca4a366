"""Enrollments: who is in a course, in which role. The API other apps build on."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from .models import CoursePage, Enrollment, Role, WeekPage

# When a person holds several roles in a course, the one that decides what they may do.
ROLE_PRECEDENCE = [Role.ORGANIZER, Role.KEY_RESPONDENT, Role.TRANSLATOR, Role.PARTICIPANT]


@transaction.atomic
def enroll(
    *, course: CoursePage, user: AbstractBaseUser, role: Role | str, week: WeekPage | None = None
) -> Enrollment:
    """Give `user` `role` in `course`; enrolling again only updates the assigned week."""
    enrollment = Enrollment.objects.filter(course=course, user=user, role=role).first()
    if enrollment is None:
        enrollment = Enrollment(course=course, user=user, role=role)
    elif week is None or enrollment.week_id == week.pk:
        return enrollment
    enrollment.week = week
    enrollment.full_clean(validate_unique=False)
    enrollment.save()
    return enrollment


def unenroll(*, course: CoursePage, user: AbstractBaseUser, role: Role | str) -> None:
    # Instance deletes (not a queryset delete), so that post_delete receivers run.
    for enrollment in Enrollment.objects.filter(course=course, user=user, role=role):
        enrollment.delete()


def course_roles(user: AbstractBaseUser | AnonymousUser, course: CoursePage) -> set[Role]:
    if not user.is_authenticated:
        return set()
    return {
        Role(value)
        for value in Enrollment.objects.filter(course=course, user=user).values_list(
            "role", flat=True
        )
    }


def course_role(user: AbstractBaseUser | AnonymousUser, course: CoursePage) -> Role | None:
    """The user's deciding role in the course (see ROLE_PRECEDENCE), None if not enrolled."""
    roles = course_roles(user, course)
    return next((role for role in ROLE_PRECEDENCE if role in roles), None)


def enrolled_users(course: CoursePage, *roles: Role | str):
    from django.contrib.auth import get_user_model

    enrollments = Enrollment.objects.filter(course=course)
    if roles:
        enrollments = enrollments.filter(role__in=roles)
    return get_user_model().objects.filter(enrollments__in=enrollments).distinct()
