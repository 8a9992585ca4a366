"""Members find their way: the forum index for visitors, names chosen at sign-up, the way to
a key respondent's questions, applications closed, and "My progress" week by week."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from machina.test.factories import create_topic

from courses.models import Role
from forum.models import KeyRespondentQuestion
from members.profiles import get_profile
from tests.factories import CoursePageFactory, WeekPageFactory
from tests.forum.helpers import topic_url
from tests.forum.participation_helpers import person, publish, question_topic, reply

pytestmark = pytest.mark.django_db


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def shown(d: dt.date) -> str:
    with translation.override("en"):
        return date_format(d, "DATE_FORMAT")


def named(user, display_name: str):
    """A member as sign-up leaves them: a display name, no first or last name."""
    user.first_name = user.last_name = ""
    user.save()
    profile = get_profile(user)
    profile.display_name = display_name
    profile.save()
    return user


# --- the forum index --------------------------------------------------------------------------
def test_an_anonymous_visitor_on_the_forum_is_told_to_sign_in(client, forum):
    html = client.get(reverse("forum:index")).content.decode()

    assert 'class="notice forum-sign-in"' in html
    assert "/accounts/login/?next=/forum/" in html
    assert "No forums." not in html


def test_a_member_on_the_forum_sees_no_sign_in_notice(client, course, forum):
    client.force_login(person(course, "ana"))

    assert "forum-sign-in" not in client.get(reverse("forum:index")).content.decode()


# --- names ------------------------------------------------------------------------------------
def test_the_header_shows_the_display_name_not_the_login(client, course):
    ana = named(person(course, "ana_login"), "Ana Dos Santos")
    client.force_login(ana)

    html = client.get("/").content.decode()

    assert '<span class="site-account__name">Ana Dos Santos</span>' in html


def test_posts_and_topic_lists_show_the_display_name_given_at_sign_up(client, course, forum):
    ana = named(person(course, "ana_login"), "Ana Dos Santos")
    topic = create_topic(forum=forum, poster=ana, subject="Cooperativas")
    reply(topic, ana, "Las cooperativas de Bahía.", language="es")
    client.force_login(ana)

    topic_html = client.get(topic_url(topic)).content.decode()
    list_html = client.get(
        reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})
    ).content.decode()

    assert "<b>Ana Dos Santos</b>" in topic_html
    assert ">Ana Dos Santos</a> on" in topic_html
    assert ">Ana Dos Santos</a> on" in list_html
    assert "ana_login" not in topic_html.split('class="site-header')[0]


# --- a key respondent's waiting questions --------------------------------------------------------
@pytest.fixture
def open_week(week, organizer):
    return publish(week, organizer)


def ask(course, week, text: str):
    asker = person(course, f"asker{KeyRespondentQuestion.objects.count()}")
    post = reply(question_topic(week), asker, text, language="es")
    return KeyRespondentQuestion.objects.get_or_create(post=post, defaults={"week": week})[0]


def test_a_key_respondent_reaches_the_waiting_questions_from_the_header(client, course, open_week):
    lucia = person(course, "lucia", Role.KEY_RESPONDENT, week=open_week)
    ask(course, open_week, "¿Cómo financian?")
    ask(course, open_week, "¿Y el crédito?")
    client.force_login(lucia)

    html = client.get("/").content.decode()

    assert f'href="{reverse("my_questions")}">My questions (2 waiting)</a>' in html


def test_a_key_respondent_reaches_the_waiting_questions_from_this_week(client, course, open_week):
    lucia = person(course, "lucia", Role.KEY_RESPONDENT, week=open_week)
    ask(course, open_week, "¿Cómo financian?")
    client.force_login(lucia)

    html = client.get(reverse("courses:this_week")).content.decode()

    assert "1 question waits for your answer as key respondent." in html
    assert f'<a href="{reverse("my_questions")}">See my questions</a>' in html


def test_a_participant_has_no_link_to_key_respondent_questions(client, course, open_week):
    client.force_login(person(course, "ana"))

    assert "My questions" not in client.get("/").content.decode()
    assert "waiting-questions" not in client.get(reverse("courses:this_week")).content.decode()


# --- applications closed ------------------------------------------------------------------------
def test_a_course_page_with_applications_closed_says_so_with_the_date(client, home_page):
    course = CoursePageFactory(
        parent=home_page, start_date=days(5), end_date=days(50), application_deadline=days(-2)
    )

    html = client.get(course.url).content.decode()

    assert "Applications are closed: the last day to apply was" in html
    assert f'<time datetime="{days(-2):%Y-%m-%d}">{shown(days(-2))}</time>' in html
    assert reverse("courses:apply", args=[course.pk]) not in html


def test_a_course_page_taking_applications_says_until_when_and_links_to_apply(client, home_page):
    course = CoursePageFactory(
        parent=home_page, start_date=days(5), end_date=days(50), application_deadline=days(3)
    )

    html = client.get(course.url).content.decode()

    assert f'Open until <time datetime="{days(3):%Y-%m-%d}">{shown(days(3))}</time>' in html
    assert reverse("courses:apply", args=[course.pk]) in html


# --- My progress ----------------------------------------------------------------------------------
def test_my_progress_shows_due_dates_posts_and_missed_weeks_in_words(client, course, organizer):
    missed = publish(WeekPageFactory(parent=course, number=1, opens_on=days(-14),
                                     closes_on=days(-8)), organizer)  # fmt: skip
    answered = publish(WeekPageFactory(parent=course, number=2, opens_on=days(-7),
                                       closes_on=days(-1)), organizer)  # fmt: skip
    publish(WeekPageFactory(parent=course, number=3, opens_on=days(7), closes_on=days(13)),
            organizer)  # fmt: skip
    ana = person(course, "ana")
    reply(question_topic(answered), ana, "Mi respuesta.", language="es")
    client.force_login(ana)

    html = client.get(reverse("my_progress")).content.decode()

    for week in (missed, answered):
        assert f'<time datetime="{week.closes_on:%Y-%m-%d}">{shown(week.closes_on)}</time>' in html
    assert "Missed: the week is closed" in html
    assert f"Upcoming: opens on {shown(days(7))}" in html
    assert 'data-status="missed"' in html
    assert 'data-status="upcoming"' in html
    assert "Re: " in html  # the subject of the post answering week 2, linked
