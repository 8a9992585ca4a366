"""Nobody is told of what they may not read: a private community's post, an answer hidden
until the reader has posted, a member who withdrew or left, a page not published, a
course they are not in. Checked through the notices and the email outbox alike."""

from __future__ import annotations

import pytest

from courses.enrollment import choose_after_course, withdraw
from courses.models import AfterCourse
from forum.communities import create_community
from forum.permission_handler import PermissionHandler
from forum.permissions import sync_course_permissions
from notifications.events import may_read
from notifications.models import Email, Event, SubscriptionMode
from notifications.preferences import set_forum_mode
from tests.factories import CaseStudyPageFactory, UserFactory, WeekPageFactory
from tests.forum.participation_helpers import publish, question_topic

from .conftest import new_topic, notices_of, reply

pytestmark = pytest.mark.django_db


def told(user) -> bool:
    """Any notice, or any email queued, for the member."""
    return bool(notices_of(user)) or Email.objects.filter(recipient=user).exists()


# -- private communities -----------------------------------------------------------------
@pytest.fixture
def community_forum(course, organizer, ana, louis):
    community = create_community(course=course, name="Finanzas", members=[ana, organizer])
    community.refresh_from_db()
    return community.forum


def test_a_private_communitys_post_tells_no_one_outside_it(community_forum, organizer, ana, louis):
    set_forum_mode(community_forum, SubscriptionMode.FORCED)

    post = new_topic(community_forum, ana, "Solo para el grupo, @louis y @organizer.")

    assert not told(louis)
    assert not may_read(louis, post=post)
    assert notices_of(organizer) == [(Event.MENTION, post.pk, None)]


# -- "post before you see the others" ----------------------------------------------------
@pytest.fixture
def gated_topic(course, organizer, open_week):
    week = WeekPageFactory(
        parent=course,
        slug="gated",
        questions=[("question", {"text": "What works?", "post_before_seeing_others": True})],
    )
    publish(week, organizer)
    return question_topic(week)


def test_a_hidden_answer_tells_a_follower_who_has_not_posted_nothing(gated_topic, ana, louis):
    gated_topic.subscribers.add(louis)

    answer = reply(gated_topic, ana, "Mi respuesta independiente.")

    assert not told(louis)
    assert not may_read(louis, post=answer)


def test_once_the_follower_has_posted_the_next_answers_are_told(course, gated_topic, ana, louis):
    gated_topic.subscribers.add(louis)
    reply(gated_topic, louis, "Ma réponse.")

    answer = reply(gated_topic, ana, "Mi respuesta independiente.")

    assert notices_of(louis) == [(Event.NEW_POST, answer.pk, None)]
    assert Email.objects.filter(recipient=louis).count() == 1


def test_a_hidden_answer_tells_the_key_respondent_who_sees_everything(gated_topic, ana, lucia):
    gated_topic.subscribers.add(lucia)

    answer = reply(gated_topic, ana, "Mi respuesta independiente.")

    assert notices_of(lucia) == [(Event.NEW_POST, answer.pk, None)]


def test_a_mention_in_a_hidden_answer_tells_no_one_who_may_not_see_it_yet(gated_topic, ana, louis):
    reply(gated_topic, ana, "Como diría @louis.")

    assert not told(louis)


# -- members who withdrew or left -----------------------------------------------------------
def test_a_withdrawn_member_is_told_nothing(course, topic, ana, louis):
    topic.subscribers.add(louis)
    withdraw(course=course, user=louis)

    post = reply(topic, ana, "Gracias @louis.")

    assert not told(louis)
    assert not may_read(louis, post=post)


def test_a_member_who_left_after_the_course_is_told_nothing(course, topic, ana, louis):
    set_forum_mode(topic.forum, SubscriptionMode.FORCED)
    choose_after_course(course=course, user=louis, choice=AfterCourse.LEAVE)

    reply(topic, ana, "Gracias @louis.")

    assert not told(louis)


def test_a_member_who_stays_after_the_course_is_still_told(course, topic, ana, louis):
    choose_after_course(course=course, user=louis, choice=AfterCourse.STAY)

    post = reply(topic, ana, "Gracias @louis.")

    assert notices_of(louis) == [(Event.MENTION, post.pk, None)]


# -- people outside the course -----------------------------------------------------------
def test_a_public_courses_reader_outside_it_is_told_nothing(course, organizer, topic, ana):
    course.public_forum = True
    publish(course, organizer)
    sync_course_permissions(course)
    outsider = UserFactory(username="outsider")
    topic.subscribers.add(outsider)

    post = reply(topic, ana, "Gracias @outsider.")

    assert PermissionHandler().can_read_post(post, outsider)  # machina lets them read it…
    assert not told(outsider)  # …but the course's notices are for its members


# -- pages not published -----------------------------------------------------------------
def test_a_page_under_review_is_read_by_its_organizers_only(open_week, organizer, lucia, ana):
    study = CaseStudyPageFactory(parent=open_week, live=False, owner=lucia)

    assert may_read(organizer, page=study)
    assert not may_read(ana, page=study)


def test_a_case_study_under_an_unpublished_week_tells_no_participant(
    course, organizer, open_week, ana
):
    study = CaseStudyPageFactory(parent=open_week, live=False)
    open_week.unpublish()

    publish(study, organizer)

    assert not told(ana)
    assert not may_read(ana, page=study)


def test_a_page_behind_a_view_restriction_tells_no_one_it_refuses(
    course, organizer, open_week, ana
):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    study = CaseStudyPageFactory(parent=open_week, live=False)
    restriction = PageViewRestriction.objects.create(
        page=study, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Reviewers only"))

    publish(study, organizer)

    assert not told(ana)


def test_a_non_member_is_told_nothing_of_the_course(open_week, organizer, lucia):
    outsider = UserFactory(username="outsider")
    study = CaseStudyPageFactory(parent=open_week, live=False)

    publish(study, organizer)

    assert not told(outsider)
    assert not may_read(outsider, page=study)
    assert may_read(lucia, page=study)


def test_an_organizer_is_told_of_a_hidden_answer(gated_topic, organizer, ana):
    gated_topic.subscribers.add(organizer)

    answer = reply(gated_topic, ana, "Mi respuesta independiente.")

    assert notices_of(organizer) == [(Event.NEW_POST, answer.pk, None)]
