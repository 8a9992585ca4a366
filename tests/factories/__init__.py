"""Factories for the suite: people, the course pages, enrollments."""

from __future__ import annotations

import datetime as dt

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.utils import timezone

from courses.models import CaseStudyPage, CoursePage, Enrollment, Role, WeekPage

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(PASSWORD)


def today() -> dt.date:
    return timezone.localdate()


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    summary = "Policy to support the social and solidarity economy."
    start_date = factory.LazyFunction(lambda: today() - dt.timedelta(days=14))
    end_date = factory.LazyFunction(lambda: today() + dt.timedelta(days=28))
    languages = factory.LazyFunction(lambda: ["es", "fr", "en"])
    contact_email = "organizers@example.org"


class WeekPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = WeekPage

    title = factory.Sequence(lambda n: f"Week title {n}")
    slug = factory.Sequence(lambda n: f"week-{n}")
    number = factory.Sequence(lambda n: n + 1)
    theme = "The social economy"
    opens_on = factory.LazyFunction(lambda: today() - dt.timedelta(days=2))
    closes_on = factory.LazyFunction(lambda: today() + dt.timedelta(days=4))
    questions = factory.LazyFunction(
        lambda: [
            ("question", {"text": "What is the social economy where you work?"}),
            ("question", {"text": "Which policy helped it most?"}),
        ]
    )


class CaseStudyPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CaseStudyPage

    title = factory.Sequence(lambda n: f"Case study {n}")
    slug = factory.Sequence(lambda n: f"case-study-{n}")
    region = "Québec"
    language = "fr"
    abstract = "Le Chantier de l'économie sociale."
    body = "<p>Une étude de cas courte.</p>"


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    course = factory.SubFactory(CoursePageFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.PARTICIPANT
