"""Pages tell a course's members: a case study published, a week opening, a reminder
before a week closes (to those who have not posted); a case study submitted for review
tells the course's organizers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from notifications.models import Event, Notice
from notifications.tasks import notify_week_openings, remind_week_closing
from tests.factories import CaseStudyPageFactory, UserFactory, WeekPageFactory
from tests.forum.participation_helpers import publish

from .conftest import notices_of, reply

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    return timezone.localdate()


def draft_case_study(week, author):
    study = CaseStudyPageFactory(parent=week, live=False, owner=author)
    study.authors.add(author)
    study.save_revision(user=author)
    return study


def test_a_published_case_study_tells_every_member_of_the_course(
    open_week, organizer, ana, louis, lucia
):
    study = draft_case_study(open_week, lucia)

    publish(study, organizer)

    for member in (ana, louis, lucia):
        assert notices_of(member) == [(Event.CASE_STUDY, None, study.pk)]
    assert notices_of(organizer) == []  # who published it


def test_a_case_study_published_again_tells_no_one_twice(open_week, organizer, ana, lucia):
    study = draft_case_study(open_week, lucia)
    publish(study, organizer)

    study.abstract = "Corrigé."
    publish(study, organizer)

    assert notices_of(ana) == [(Event.CASE_STUDY, None, study.pk)]


def test_a_case_study_tells_no_one_outside_the_course(open_week, organizer, lucia):
    outsider = UserFactory(username="outsider")
    study = draft_case_study(open_week, lucia)

    publish(study, organizer)

    assert notices_of(outsider) == []


def test_a_case_study_submitted_for_review_tells_the_organizers_only(
    course, open_week, organizer, ana, lucia
):
    study = draft_case_study(open_week, lucia)

    study.get_workflow().start(study, lucia)

    notice = Notice.objects.get(recipient=organizer)
    assert (notice.event, notice.page_id, notice.actor_id) == (
        Event.CASE_STUDY_REVIEW,
        study.pk,
        lucia.pk,
    )
    assert notice.url == f"/admin/pages/{study.pk}/edit/"
    assert notices_of(ana) == []


def test_a_week_opening_today_tells_the_course_members_once(course, organizer, open_week, ana):
    opening = WeekPageFactory(
        parent=course, slug="opening", opens_on=today(), closes_on=today() + dt.timedelta(days=6)
    )
    publish(opening, organizer)

    notify_week_openings()
    notify_week_openings()

    assert notices_of(ana) == [(Event.WEEK_OPENS, None, opening.pk)]
    assert (Event.WEEK_OPENS, None, opening.pk) in notices_of(organizer)
    assert notices_of(ana)[0][2] != open_week.pk  # opened before today: not told again


def test_a_week_opening_tomorrow_is_not_told_today(course, organizer, open_week, ana):
    later = WeekPageFactory(
        parent=course,
        slug="later",
        opens_on=today() + dt.timedelta(days=1),
        closes_on=today() + dt.timedelta(days=6),
    )
    publish(later, organizer)

    notify_week_openings()

    assert notices_of(ana) == []


def test_a_week_closing_soon_reminds_those_who_have_not_posted(
    course, organizer, topic, open_week, ana, louis
):
    open_week.closes_on = today() + dt.timedelta(days=2)
    publish(open_week, organizer)
    reply(topic, ana, "Ya participé.")

    remind_week_closing()
    remind_week_closing()

    assert notices_of(louis) == [(Event.WEEK_CLOSING, None, open_week.pk)]
    assert (Event.WEEK_CLOSING, None, open_week.pk) not in notices_of(ana)
    assert notices_of(organizer) == []


def test_a_week_closing_later_reminds_no_one(open_week, louis):
    remind_week_closing()

    assert notices_of(louis) == []


def test_a_case_study_resubmitted_after_changes_tells_the_organizers_again(
    open_week, organizer, lucia
):
    study = draft_case_study(open_week, lucia)
    state = study.get_workflow().start(study, lucia)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, organizer, "reject")

    state.refresh_from_db()
    state.resume(lucia)

    assert [event for event, _post, _page in notices_of(organizer)] == [
        Event.CASE_STUDY_REVIEW,
        Event.CASE_STUDY_REVIEW,
    ]
