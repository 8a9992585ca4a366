"""A case study published with a region and themes alerts those who follow them and may
read it; the course's members, told of it already, are not told twice."""

from __future__ import annotations

import pytest
from django.utils import translation

from notifications.models import Event, Notice
from notifications.rendering import render_notice
from tests.factories import CaseStudyPageFactory, UserFactory
from tests.forum.participation_helpers import publish

from .alert_helpers import follow, region, theme
from .conftest import notices_of

pytestmark = pytest.mark.django_db


def case_study(week, author, *, territory=None, themes=()):
    study = CaseStudyPageFactory(parent=week, live=False, owner=author, territory=territory)
    study.authors.add(author)
    study.themes.set(themes)
    study.save_revision(user=author)
    return study


def test_a_case_study_in_a_region_alerts_who_follows_it_or_a_region_it_lies_within(
    open_week, organizer, lucia
):
    canada = region("canada", "Canada")
    quebec = region("quebec", "Quebec", parent=canada)
    admin = UserFactory(username="site-admin", is_superuser=True, is_staff=True)
    follow(admin, regions=[canada])
    study = case_study(open_week, lucia, territory=quebec)

    publish(study, organizer)

    assert notices_of(admin) == [(Event.ALERT, None, study.pk)]
    notice = Notice.objects.get(recipient=admin)
    with translation.override("en"):
        assert render_notice(notice, admin).headline == "New case study in Quebec"


def test_a_case_study_alerts_no_one_who_may_not_read_it(open_week, organizer, lucia):
    quebec = region("quebec", "Quebec")
    outsider = UserFactory(username="outsider")
    follow(outsider, regions=[quebec])
    study = case_study(open_week, lucia, territory=quebec)

    publish(study, organizer)

    assert notices_of(outsider) == []


def test_a_course_member_is_told_once_the_case_study_not_also_alerted(
    open_week, organizer, ana, lucia
):
    procurement = theme("public-procurement", "Public procurement")
    follow(ana, themes=[procurement])
    study = case_study(open_week, lucia, themes=[procurement])

    publish(study, organizer)
    publish(study, organizer)

    assert notices_of(ana) == [(Event.CASE_STUDY, None, study.pk)]


def test_a_case_study_published_again_alerts_no_one_twice(open_week, organizer, lucia):
    procurement = theme("public-procurement", "Public procurement")
    admin = UserFactory(username="site-admin", is_superuser=True, is_staff=True)
    follow(admin, themes=[procurement])
    study = case_study(open_week, lucia, themes=[procurement])

    publish(study, organizer)
    publish(study, organizer)

    assert notices_of(admin) == [(Event.ALERT, None, study.pk)]
