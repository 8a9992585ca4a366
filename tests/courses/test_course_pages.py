from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from machina.core.db.models import get_model

from courses.enrollment import course_role, enroll
from courses.models import Role, WeekState
from courses.text import count_words
from forum.models import QuestionTopic
from tests.factories import CaseStudyPageFactory, UserFactory, WeekPageFactory

Post = get_model("forum_conversation", "Post")

pytestmark = pytest.mark.django_db


def publish(page, user=None):
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


@pytest.mark.parametrize(
    ("opens", "closes", "state"),
    [(1, 7, WeekState.UPCOMING), (-3, 3, WeekState.OPEN), (0, 0, WeekState.OPEN),
     (-8, -1, WeekState.CLOSED)],
)  # fmt: skip
def test_week_state_follows_its_dates(course, opens, closes, state):
    week = WeekPageFactory(parent=course, opens_on=days(opens), closes_on=days(closes))

    assert week.state() == state


def test_the_current_week_is_the_open_one(course):
    WeekPageFactory(parent=course, number=1, opens_on=days(-14), closes_on=days(-8))
    open_week = WeekPageFactory(parent=course, number=2, opens_on=days(-2), closes_on=days(4))
    WeekPageFactory(parent=course, number=3, opens_on=days(5), closes_on=days(11))

    assert course.current_week == open_week


def test_a_week_cannot_close_before_it_opens(course):
    week = WeekPageFactory.build(opens_on=days(3), closes_on=days(1), number=1)

    with pytest.raises(ValidationError):
        week.clean()


def test_a_course_runs_in_at_least_one_known_language(course):
    course.languages = ["de"]

    with pytest.raises(ValidationError):
        course.clean()


def test_week_key_respondents_are_those_assigned_to_it(course, week, key_respondent):
    other_week = WeekPageFactory(parent=course)
    enroll(course=course, user=UserFactory(username="later"), role=Role.KEY_RESPONDENT,
           week=other_week)  # fmt: skip

    assert list(week.key_respondents()) == [key_respondent]


def test_course_role_prefers_the_organizer_role(course):
    user = UserFactory(username="both")
    enroll(course=course, user=user, role=Role.TRANSLATOR)
    enroll(course=course, user=user, role=Role.ORGANIZER)

    assert course_role(user, course) == Role.ORGANIZER


def test_course_role_of_someone_not_enrolled_is_none(course):
    assert course_role(UserFactory(username="visitor"), course) is None


def test_enrolling_twice_keeps_one_enrollment(course, week):
    user = UserFactory(username="twice")
    enroll(course=course, user=user, role=Role.KEY_RESPONDENT)
    enroll(course=course, user=user, role=Role.KEY_RESPONDENT, week=week)

    assert user.enrollments.get().week == week


def test_word_count_ignores_markup_and_keeps_elisions_whole():
    assert count_words("<p>L'économie sociale</p><p>au Québec</p>") == 4


def test_course_page_lists_its_weeks_and_highlights_the_current_one(client, course):
    WeekPageFactory(parent=course, number=1, title="Introduction", opens_on=days(-9),
                    closes_on=days(-3))  # fmt: skip
    WeekPageFactory(parent=course, number=2, title="Research", opens_on=days(-2),
                    closes_on=days(4))  # fmt: skip

    response = client.get(course.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Introduction" in html
    assert "Research" in html
    assert 'aria-current="true"' in html
    assert html.index('aria-current="true"') > html.index("Introduction")


def test_week_page_shows_readings_questions_linked_to_topics_and_case_studies(
    client, week, organizer
):
    week.readings = [("link", {"title": "Chantier", "url": "https://chantier.qc.ca/",
                               "language": "fr"})]  # fmt: skip
    publish(week, organizer)
    CaseStudyPageFactory(parent=week, title="Le Chantier et la SENAES")
    topic = QuestionTopic.objects.get(position=0).topic

    response = client.get(week.url)

    html = response.content.decode()
    assert 'hreflang="fr"' in html
    assert "What is the social economy where you work?" in html
    assert f"/topic/{topic.slug}-{topic.pk}/" in html
    assert "Le Chantier et la SENAES" in html


def test_week_page_shows_the_latest_posts_to_enrolled_members(client, course, week, organizer):
    participant = UserFactory(username="ana")
    enroll(course=course, user=participant, role=Role.PARTICIPANT)
    publish(week, organizer)
    topic = QuestionTopic.objects.get(position=0).topic
    Post.objects.create(topic=topic, poster=participant, subject="Re: economía",
                        content="Trabajo en una cooperativa.")  # fmt: skip
    client.force_login(participant)

    response = client.get(week.url)

    assert "Re: economía" in response.content.decode()


def test_week_page_hides_the_latest_posts_from_visitors(client, course, week, organizer):
    publish(week, organizer)
    topic = QuestionTopic.objects.get(position=0).topic
    Post.objects.create(topic=topic, poster=organizer, subject="Re: private",
                        content="Members only.")  # fmt: skip

    response = client.get(week.url)

    assert "Re: private" not in response.content.decode()


def test_week_page_discussion_costs_the_same_queries_for_more_posts(
    client, course, week, organizer
):
    publish(week, organizer)
    topic = QuestionTopic.objects.get(position=0).topic
    client.force_login(organizer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            client.get(week.url)
        return len(context)

    Post.objects.create(topic=topic, poster=organizer, subject="one", content="1")
    queries()  # warm the caches (session, site root paths)
    few = queries()
    for n in range(4):
        Post.objects.create(topic=topic, poster=organizer, subject=f"more {n}", content="n")

    assert queries() == few
