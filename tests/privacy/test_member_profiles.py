"""Members' forum profiles (machina's forum_member pages): a visitor sees none; a member sees
those they share a course with, and those whose posts they may read. Anyone else: 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.models import Application
from tests.factories import CoursePageFactory, UserFactory, WeekPageFactory
from tests.forum.participation_helpers import person, publish, question_topic, reply

pytestmark = pytest.mark.django_db

ANA = "AnaCooperativa"  # a participant of the private course


def named(user, name: str):
    """The name pages show (machina shows full names): the test looks for it."""
    user.first_name, user.last_name = name, ""
    user.save()
    return user


def profile_url(user) -> str:
    return reverse("forum_member:profile", args=[user.pk])


def posts_url(user) -> str:
    return reverse("forum_member:user_posts", args=[user.pk])


@pytest.fixture
def ana(course, week, organizer):
    publish(week, organizer)
    user = named(person(course, "ana"), ANA)
    reply(question_topic(week), user, "Las cooperativas necesitan crédito.")
    return user


@pytest.fixture
def public_course(home_page):
    """A course whose forum visitors and signed-in non-members read; its second question asks
    to post before seeing the others."""
    course = CoursePageFactory(parent=home_page, public_forum=True)
    organizer = person(course, "public-organizer", role="organizer")
    publish(course, organizer)
    week = WeekPageFactory(
        parent=course,
        questions=[
            ("question", {"text": "What works?"}),
            ("question", {"text": "Answer first.", "post_before_seeing_others": True}),
        ],
    )
    publish(week, organizer)
    return course, week


@pytest.fixture
def outsider(client):
    """Signed in, enrolled nowhere."""
    user = UserFactory(username="outsider")
    client.force_login(user)
    return user


@pytest.mark.parametrize("url", [profile_url, posts_url])
def test_a_visitor_sees_no_members_profile(client, ana, url):
    response = client.get(url(ana))

    assert response.status_code == 404
    assert ANA not in response.content.decode()


@pytest.mark.parametrize("path", ["+{pk}", " {pk}", "0{pk}"])
def test_a_profile_url_spelled_another_way_is_no_way_round(client, ana, path):
    response = client.get(f"/forum/member/profile/{path.format(pk=ana.pk)}/")

    assert response.status_code == 404
    assert ANA not in response.content.decode()


@pytest.mark.parametrize("url", [profile_url, posts_url])
def test_a_member_sees_the_profile_of_someone_in_their_course(client, course, ana, url):
    client.force_login(person(course, "bea"))

    response = client.get(url(ana))

    assert response.status_code == 200
    assert ANA in response.content.decode()


@pytest.mark.parametrize("url", [profile_url, posts_url])
def test_a_member_of_another_course_does_not_see_the_profile(client, home_page, ana, url):
    client.force_login(person(CoursePageFactory(parent=home_page), "zoe"))

    response = client.get(url(ana))

    assert response.status_code == 404
    assert ANA not in response.content.decode()


def test_a_signed_in_outsider_does_not_see_an_applicants_profile(client, course, outsider):
    applicant = named(UserFactory(username="carl"), "CarlApplicant")
    Application.objects.create(course=course, user=applicant, work_description="Cooperativas.")

    response = client.get(profile_url(applicant))

    assert response.status_code == 404
    assert "CarlApplicant" not in response.content.decode()


def test_an_organizer_does_not_see_an_applicant_to_another_course(
    client, home_page, course, organizer
):
    applicant = named(UserFactory(username="carl"), "CarlApplicant")
    elsewhere = CoursePageFactory(parent=home_page)
    Application.objects.create(course=elsewhere, user=applicant, work_description="Monnaies.")
    client.force_login(organizer)

    response = client.get(profile_url(applicant))

    assert response.status_code == 404


def test_a_reader_of_a_public_forum_sees_the_profile_of_one_who_posted_there(
    client, public_course, outsider
):
    course, week = public_course
    pia = named(person(course, "pia"), "PiaPublica")
    reply(question_topic(week), pia, "Una respuesta pública.")

    response = client.get(profile_url(pia))

    assert response.status_code == 200
    assert "Una respuesta pública." in response.content.decode()


def test_an_answer_hidden_until_the_reader_posts_does_not_open_its_authors_profile(
    client, public_course, outsider
):
    course, week = public_course
    pia = named(person(course, "pia"), "PiaPublica")
    reply(question_topic(week, 1), pia, "Mi respuesta independiente.")

    response = client.get(profile_url(pia))

    assert response.status_code == 404
    assert "PiaPublica" not in response.content.decode()


def test_a_member_sees_their_own_profile_and_can_still_edit_it(client, ana):
    client.force_login(ana)

    assert client.get(profile_url(ana)).status_code == 200
    assert client.get(reverse("forum_member:profile_update")).status_code == 200


def test_a_superuser_sees_any_profile(client, ana):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))

    assert client.get(profile_url(ana)).status_code == 200


def test_a_profile_shows_the_reader_none_of_the_answers_still_hidden_from_them(
    client, public_course, outsider
):
    course, week = public_course
    pia = named(person(course, "pia"), "PiaPublica")
    reply(question_topic(week), pia, "Una respuesta pública.")
    reply(question_topic(week, 1), pia, "Mi respuesta independiente.")

    html = client.get(profile_url(pia)).content.decode()

    assert "Una respuesta pública." in html
    assert "Mi respuesta independiente." not in html
