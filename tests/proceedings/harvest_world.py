"""A course's open week with a Spanish post, its people in each role, and a second course,
for the harvest and consent tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from machina.test.factories import create_topic

from cms.models import HomePage
from courses.enrollment import enroll
from courses.models import CoursePage, Role, WeekPage
from forum.communities import create_community, open_community
from taxonomy.models import Region, Theme
from tests.factories import CoursePageFactory, WeekPageFactory
from tests.forum.participation_helpers import person, publish, question_topic, reply

ANA_ES = (
    "Las **cooperativas** de Cochabamba necesitan crédito.\n\n"
    "Sin bancos cerca, los fondos rotatorios sostienen a las socias entre dos cosechas."
)


@dataclass
class HarvestWorld:
    course: CoursePage
    week: WeekPage
    organizer: Any
    respondent: Any
    participant: Any
    translator: Any
    other_organizer: Any
    post: Any
    capital: Theme
    training: Theme
    bolivia: Region
    quebec: Region


def harvest_world(course, week, organizer) -> HarvestWorld:
    week = publish(week, organizer)
    respondent = person(course, "lucia", Role.KEY_RESPONDENT, language="es", week=week)
    participant = person(course, "ana", language="es")
    translator = person(course, "diego", Role.TRANSLATOR, language="es")
    other = CoursePageFactory(parent=HomePage.objects.get(slug="home"))
    other_organizer = person(other, "otra", Role.ORGANIZER, language="fr")
    post = reply(question_topic(week), participant, ANA_ES, language="es")
    return HarvestWorld(
        course=course,
        week=week,
        organizer=organizer,
        respondent=respondent,
        participant=participant,
        translator=translator,
        other_organizer=other_organizer,
        post=post,
        capital=Theme.objects.create(
            slug="capital", name="Access to capital", language_written="en"
        ),
        training=Theme.objects.create(slug="training", name="Training", language_written="en"),
        bolivia=Region.objects.create(slug="bolivia", name="Bolivia", language_written="en"),
        quebec=Region.objects.create(slug="quebec", name="Quebec", language_written="en"),
    )


def second_week(course, organizer) -> WeekPage:
    return publish(WeekPageFactory(parent=course), organizer)


def harvest_url(post) -> str:
    return reverse("proceedings:harvest_post", args=[post.pk])


def list_url(course) -> str:
    return reverse("proceedings:harvest", args=[course.pk])


def consent_url(course) -> str:
    return reverse("proceedings:consent", args=[course.pk])


def enroll_as(course, user, role) -> None:
    enroll(course=course, user=user, role=role)


def private_post(world: HarvestWorld):
    """Ana's post in a private community of the course (the organizer is a member, the key
    respondent is not)."""
    community = create_community(
        course=world.course, name="Rural co-ops", members=[world.organizer, world.participant]
    )
    forum = open_community(community)
    topic = create_topic(forum=forum, poster=world.participant, subject="Solo aquí")
    return reply(topic, world.participant, "Solo para la comunidad rural.", language="es")
