"""Plain text written as it is: emails and feed titles are no HTML, so a name such as
O'Brien or a title with "&" reaches the reader unchanged, not as "O&#x27;Brien" or "&amp;"."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from machina.test.factories import PostFactory, create_topic

from courses.models import Application
from members.profiles import get_profile
from tests.factories import UserFactory
from tests.forum.helpers import course_forum, grant, member

pytestmark = pytest.mark.django_db

TITLE = "Économie sociale & solidaire : l'avenir"
NAME = "Siobhán O'Brien"


@pytest.fixture
def application(course):
    course.title = TITLE
    course.application_deadline = timezone.localdate() + dt.timedelta(days=3)
    course.start_date = course.application_deadline  # applications close by the start
    course.save_revision().publish()
    applicant = UserFactory(username="siobhan")
    profile = get_profile(applicant)
    profile.display_name = NAME
    profile.preferred_language = "en"
    profile.save()
    return Application.objects.create(course=course, user=applicant, work_description="Coops.")


@pytest.mark.parametrize("decision", ["accept", "decline"])
def test_the_decision_email_writes_the_name_and_the_course_title_as_they_are(
    client, organizer, application, decision, django_capture_on_commit_callbacks
):
    client.force_login(organizer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("decide_application", args=[application.pk]), {"decision": decision})

    message = mail.outbox[-1]
    assert NAME in message.body
    assert TITLE in message.body
    assert TITLE in message.subject
    for escaped in ("&amp;", "&#x27;", "&#39;", "&quot;"):
        assert escaped not in message.body + message.subject


def test_every_plain_text_template_of_ours_turns_autoescaping_off():
    templates = Path(settings.BASE_DIR) / "templates"

    escaping = [
        str(path.relative_to(templates))
        for path in sorted(templates.rglob("*.txt"))
        if "{% autoescape off %}" not in path.read_text()
    ]

    assert escaping == []


def test_a_feed_title_with_an_ampersand_and_an_apostrophe_is_escaped_once(client):
    reader = member("en")
    forum = course_forum()
    grant(reader, forum)
    subject = "O'Brien & co: l'économie"
    topic = create_topic(forum=forum, poster=reader, subject=subject)
    PostFactory(topic=topic, poster=reader, subject=subject)  # machina's topic takes it
    client.force_login(reader)

    response = client.get("/forum/feeds/topics/")

    titles = re.findall(r"<item><title>(.*?)</title>", response.content.decode())
    assert [html.unescape(title) for title in titles] == [f"{forum.name} • {subject}"]
