"""A participant's "this week": readings, questions, what is new since the last visit, progress."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from machina.core.db.models import get_model

from courses.enrollment import enroll
from courses.models import Role
from forum.models import QuestionTopic
from tests.factories import UserFactory, WeekPageFactory

Post = get_model("forum_conversation", "Post")
TopicReadTrack = get_model("forum_tracking", "TopicReadTrack")

pytestmark = pytest.mark.django_db

THIS_WEEK = reverse("courses:this_week")


def publish(page, user):
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


@pytest.fixture
def open_week(course, organizer):
    week = WeekPageFactory(
        parent=course,
        title="Public procurement",
        readings=[("link", {"title": "Buy Social Canada", "url": "https://example.org/bsc",
                            "language": "en"})],
    )  # fmt: skip
    return publish(week, organizer)


@pytest.fixture
def participant(course):
    user = UserFactory(username="participant")
    enroll(course=course, user=user, role=Role.PARTICIPANT)
    return user


def question_topic(week, position: int):
    return QuestionTopic.objects.get(week=week, position=position).topic


def reply(topic, user, text: str, when: dt.datetime | None = None):
    post = Post.objects.create(topic=topic, poster=user, subject=f"Re: {topic.subject}",
                               content=text, approved=True)  # fmt: skip
    if when is not None:
        Post.objects.filter(pk=post.pk).update(created=when)
    return post


def test_a_visitor_is_asked_to_sign_in(client):
    response = client.get(THIS_WEEK)

    assert response.status_code == 302
    assert "next=/this-week/" in response["Location"]


def test_a_participant_sees_the_open_weeks_readings_and_questions(client, open_week, participant):
    client.force_login(participant)

    html = client.get(THIS_WEEK).content.decode()

    assert "Public procurement" in html
    assert "Buy Social Canada" in html
    assert "What is the social economy where you work?" in html
    assert "Which policy helped it most?" in html


def test_posts_by_others_since_the_last_visit_are_new(client, open_week, participant, organizer):
    topic = question_topic(open_week, 0)
    neighbour = UserFactory(first_name="Ana", last_name="Morales")
    enroll(course=open_week.course, user=neighbour, role=Role.PARTICIPANT)
    reply(topic, neighbour, "Las cooperativas de Cochabamba venden al municipio.")
    client.force_login(participant)

    html = client.get(THIS_WEEK).content.decode()

    assert "Ana Morales" in html
    assert "3 new posts" in html  # the two question posts and Ana's reply


def test_a_topic_read_after_its_last_post_holds_nothing_new(client, open_week, participant):
    for topic in (question_topic(open_week, 0), question_topic(open_week, 1)):
        TopicReadTrack.objects.create(topic=topic, user=participant)
    client.force_login(participant)

    html = client.get(THIS_WEEK).content.decode()

    assert "Nothing new: you have read every post." in html


def test_a_post_written_after_the_topic_was_read_is_new_again(client, open_week, participant):
    topic = question_topic(open_week, 0)
    for read in (topic, question_topic(open_week, 1)):
        TopicReadTrack.objects.create(topic=read, user=participant)
    other = UserFactory(first_name="Louis", last_name="Bergeron")
    later = timezone.now() + dt.timedelta(minutes=5)
    reply(topic, other, "À Montréal, la Ville achète local.", when=later)
    client.force_login(participant)

    html = client.get(THIS_WEEK).content.decode()

    assert "1 new post" in html
    assert "Louis Bergeron" in html


def test_the_participants_own_answers_make_their_progress(client, open_week, participant):
    reply(question_topic(open_week, 1), participant, "Social procurement, clearly.")
    client.force_login(participant)

    html = client.get(THIS_WEEK).content.decode()

    assert "1 of 2 questions answered" in html
    assert "Not answered yet" in html
    assert "You answered (1 post)" in html
    assert "1 post of yours this week" in html


def test_between_weeks_the_next_week_is_shown(client, course, organizer, participant):
    today = timezone.localdate()
    publish(WeekPageFactory(parent=course, title="Later", opens_on=today + dt.timedelta(days=3),
                            closes_on=today + dt.timedelta(days=9)), organizer)  # fmt: skip
    client.force_login(participant)

    html = client.get(THIS_WEEK).content.decode()

    assert "Later" in html
    assert "Upcoming" in html
    assert "No week is open today: here is the nearest one." in html


def test_a_member_without_a_course_is_pointed_to_the_courses(client):
    client.force_login(UserFactory())

    html = client.get(THIS_WEEK).content.decode()

    assert "You are not enrolled in a course yet." in html
