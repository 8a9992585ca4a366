"""Refusals are pages of the site in the reader's language: a missing page, a closed week's
forum, and the application form's refusal, shown next to the field it is about."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from courses.enrollment import enroll
from courses.models import Role, WeekPage
from forum.models import WeekForum
from members.profiles import get_profile
from tests.factories import WeekPageFactory

pytestmark = pytest.mark.django_db


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def reader(language: str) -> User:
    user = User.objects.create_user(username=f"reader-{language}")
    profile = get_profile(user)
    profile.preferred_language = language
    profile.save()
    return user


def test_a_missing_page_is_a_page_of_the_site_in_the_readers_language(client, compiled_catalogs):
    client.force_login(reader("fr"))

    response = client.get("/no-such-page-here/")

    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="fr"' in html
    assert "Page introuvable" in html
    assert "Se déconnecter" in html  # the site's header, signed in


def test_posting_in_a_closed_week_is_refused_with_a_page_of_the_site(
    client, course, organizer, compiled_catalogs
):
    week = WeekPageFactory(parent=course, opens_on=days(-9), closes_on=days(-3), questions=[])
    week.save_revision(user=organizer).publish(user=organizer)
    forum = WeekForum.objects.get(week=WeekPage.objects.get(pk=week.pk)).forum
    participant = reader("es")
    enroll(course=course, user=participant, role=Role.PARTICIPANT)
    client.force_login(participant)

    response = client.get(reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk]))

    html = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="es"' in html
    assert "No puede abrir esta página" in html
    assert "Cerrar sesión" in html


def test_a_too_long_statement_is_refused_next_to_its_field(client, course, compiled_catalogs):
    course.start_date, course.application_deadline = days(20), days(10)
    course.save_revision().publish()
    client.force_login(reader("fr"))

    response = client.post(
        reverse("courses:apply", args=[course.pk]),
        {
            "role": "key_respondent",
            "work_description": "Coopératives.",
            "key_respondent_statement": "mot " * 301,
        },
    )

    html = response.content.decode()
    field = html.split('id="id_key_respondent_statement"', 1)[1].split("</div>", 1)[0]
    assert response.status_code == 400
    assert 'class="field-error"' in field
    assert "301" in field
