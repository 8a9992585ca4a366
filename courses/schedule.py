"""Where each of a member's courses stands today: the week to work on now."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.utils import timezone

from .enrollment import ROLE_PRECEDENCE
from .models import CoursePage, Enrollment, Role, WeekPage, WeekState


@dataclass
class CourseWeek:
    course: CoursePage
    role: Role | None
    #: The open week; between weeks the next one; after the course its last week.
    week: WeekPage | None

    @property
    def is_open(self) -> bool:
        return self.week is not None and self.week.state() == WeekState.OPEN


def week_to_work_on(course: CoursePage) -> WeekPage | None:
    today = timezone.localdate()
    weeks = course.weeks()
    return (
        weeks.filter(opens_on__lte=today, closes_on__gte=today).first()
        or weeks.filter(opens_on__gt=today).order_by("opens_on").first()
        or weeks.order_by("-closes_on").first()
    )


def member_weeks(user: User) -> list[CourseWeek]:
    """Each live course the user is enrolled in, with its week to work on, newest course first."""
    roles: dict[int, set[Role]] = {}
    for course_id, role in Enrollment.objects.filter(user=user).values_list("course_id", "role"):
        roles.setdefault(course_id, set()).add(Role(role))
    courses = CoursePage.objects.live().filter(pk__in=roles).order_by("-start_date", "path")
    return [
        CourseWeek(
            course=course,
            role=next((role for role in ROLE_PRECEDENCE if role in roles[course.pk]), None),
            week=week_to_work_on(course),
        )
        for course in courses
    ]
