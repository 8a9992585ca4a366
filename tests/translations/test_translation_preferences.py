"""A member chooses the languages they read and whether their posts may go online; the course
page says when an online third party translates."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Page

from members.profiles import get_profile
from tests.factories import UserFactory
from translations import pipeline

pytestmark = pytest.mark.django_db

NOTICE = "translation-privacy"


def test_a_member_lists_every_language_they_read_and_keeps_their_posts_offline(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("members:translation_preferences"),
        {"preferred_language": "es", "reads_languages": ["es", "fr"], "keep_posts_offline": "on"},
    )

    assert response.status_code == 302
    profile = get_profile(user)
    profile.refresh_from_db()
    assert profile.languages_read() == {"es", "fr"}
    assert profile.keep_posts_offline is True


def test_visitors_are_asked_to_log_in_for_their_preferences(client):
    response = client.get(reverse("members:translation_preferences"))

    assert response.status_code == 302


def test_the_course_page_says_when_an_online_service_translates(client, course, settings, loopback):
    settings.TRANSLATION_ENGINE = "libretranslate"
    settings.TRANSLATION_ENGINE_OPTIONS = {"url": loopback.url("libre")}
    pipeline.cached_engine.cache_clear()
    try:
        html = client.get(Page.objects.get(pk=course.pk).url).content.decode()
    finally:
        pipeline.cached_engine.cache_clear()

    assert NOTICE in html
    assert "LibreTranslate" in html
    assert reverse("members:translation_preferences") in html


def test_the_course_page_has_no_such_notice_with_the_offline_engine(client, course):
    html = client.get(Page.objects.get(pk=course.pk).url).content.decode()

    assert NOTICE not in html
