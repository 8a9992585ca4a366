"""Fixtures shared by the privacy tests."""

from __future__ import annotations

import pytest

from courses.enrollment import enroll
from courses.models import Role
from tests.factories import CoursePageFactory, UserFactory


@pytest.fixture
def other_course(home_page):
    """A second, published course with its own organizer ("organizer-b")."""
    course = CoursePageFactory(parent=home_page, title="Elsewhere course")
    organizer = UserFactory(username="organizer-b", first_name="Organizer", last_name="Elsewhere")
    enroll(course=course, user=organizer, role=Role.ORGANIZER)
    course.save_revision(user=organizer).publish(user=organizer)
    return course
