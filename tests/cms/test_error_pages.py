"""Refusals and missing pages are answered in the site's layout, in the reader's language."""

from __future__ import annotations

import pytest
from django.template.loader import get_template
from django.urls import reverse

from courses.enrollment import enroll
from courses.models import Role
from members.profiles import get_profile
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def spanish_participant(course):
    user = UserFactory()
    profile = get_profile(user)
    profile.preferred_language = "es"
    profile.save()
    enroll(course=course, user=user, role=Role.PARTICIPANT)
    return user


def test_a_refusal_is_a_page_of_the_site_in_the_readers_language(client, course):
    client.force_login(spanish_participant(course))

    response = client.get(reverse("translation_review_queue"))

    assert response.status_code == 403
    html = response.content.decode()
    assert "No puede abrir esta página" in html
    assert 'href="/"' in html
    assert "Cerrar sesión" in html  # the site's header, signed in


def test_a_missing_page_is_a_page_of_the_site(client):
    response = client.get("/no-such-page-here/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "Sign in" in html  # the site's header, for a visitor


def test_the_server_error_page_renders_without_a_request():
    html = get_template("500.html").render({})

    assert "Something went wrong on our side" in html
