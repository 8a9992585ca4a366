"""The demo shows notifications without configuring anything: the questions it asks the
week's key respondent reach them, its applications reach the organizer, and one member
(participant-fr) chose a daily digest, which goes out at her morning."""

from __future__ import annotations

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from cms.demo.discussions import QUESTIONS
from notifications.digests import make_digests
from notifications.models import EmailChoice, Event, Notice, NotificationSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_cohort):
    return demo_cohort


def test_the_demo_questions_reach_the_week_key_respondent(demo):
    asked = Notice.objects.filter(recipient__username="respondent-en", event=Event.QUESTION)
    assert asked.count() == len(QUESTIONS)
    assert {notice.actor.username for notice in asked} == {q[0] for q in QUESTIONS}


def test_the_organizer_is_told_of_the_demo_applications(demo):
    assert Notice.objects.filter(recipient__username="organizer", event=Event.APPLICATION).exists()


def test_participant_fr_chose_a_daily_digest_and_gets_one_at_her_morning(demo):
    row = NotificationSettings.objects.get(user__username="participant-fr")
    assert (row.email, row.time_zone) == (EmailChoice.DAILY, "Europe/Paris")
    # Loading the demo again changes nothing.
    call_command("load_demo", stdout=StringIO())
    assert NotificationSettings.objects.get(pk=row.pk).email == EmailChoice.DAILY

    before_her_morning = datetime.now(ZoneInfo("Europe/Paris")).replace(hour=6, minute=59)
    assert make_digests(before_her_morning) == []
    morning = before_her_morning.replace(hour=8, minute=0)
    made = make_digests(max(morning, datetime.now(ZoneInfo("Europe/Paris"))))
    assert [email.recipient.username for email in made] == ["participant-fr"]
