"""Applying to a course and the organizers' decision, through HTTP."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from courses.enrollment import enroll
from courses.models import Application, Enrollment, Role
from members.profiles import get_profile
from tests.factories import UserFactory, WeekPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_course(course):
    # Applications close at the end of the day the course starts: still open today.
    course.start_date = course.application_deadline = timezone.localdate()
    course.key_respondent_places = 1
    course.save_revision().publish()
    course.refresh_from_db()
    return course


@pytest.fixture
def applicant(client):
    user = UserFactory(username="applicant")
    profile = get_profile(user)
    profile.preferred_language = "en"  # the messages below are read in English
    profile.save()
    client.force_login(user)
    return user


def apply_url(course) -> str:
    return reverse("courses:apply", args=[course.pk])


def words(count: int) -> str:
    return " ".join(f"palabra{n}" for n in range(count))


def test_a_participant_applies_with_a_description_of_their_work(client, open_course, applicant):
    response = client.post(
        apply_url(open_course), {"role": "participant", "work_description": "Cooperativas."}
    )

    assert response.status_code == 302
    application = Application.objects.get(user=applicant)
    assert application.status == "pending"
    assert application.role == "participant"


def test_a_key_respondent_statement_of_300_words_is_accepted(client, open_course, applicant):
    client.post(
        apply_url(open_course),
        {
            "role": "key_respondent",
            "work_description": "Red.",
            "key_respondent_statement": words(300),
        },
    )

    assert Application.objects.filter(user=applicant, role="key_respondent").exists()


def test_a_statement_of_301_words_is_refused_with_its_count_and_nothing_typed_is_lost(
    client, open_course, applicant
):
    statement = words(301)

    response = client.post(
        apply_url(open_course),
        {
            "role": "key_respondent",
            "work_description": "Mi red.",
            "key_respondent_statement": statement,
        },
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "301 words" in html
    assert statement in html
    assert "Mi red." in html
    assert not Application.objects.exists()


def test_the_server_counts_an_elided_word_as_one(open_course, applicant):
    from courses.applications import check_statement

    check_statement("l'économie " * 300)  # 300 words, not 600


def test_applying_twice_gets_a_clear_message(client, open_course, applicant):
    data = {"role": "participant", "work_description": "Cooperativas."}
    client.post(apply_url(open_course), data)

    response = client.post(apply_url(open_course), data)

    assert "already applied" in response.content.decode()
    assert Application.objects.count() == 1


def test_applying_after_the_deadline_gets_a_clear_message(client, open_course, applicant):
    open_course.application_deadline = timezone.localdate() - dt.timedelta(days=1)
    open_course.save_revision().publish()

    response = client.post(
        apply_url(open_course), {"role": "participant", "work_description": "Tarde."}
    )

    assert "closed on" in response.content.decode()
    assert not Application.objects.exists()


def decide(client, application, decision: str, **extra):
    return client.post(
        reverse("decide_application", args=[application.pk]), {"decision": decision, **extra}
    )


@pytest.fixture
def week(open_course):
    """A week of the course, which starts today: applications close by the start."""
    today = timezone.localdate()
    return WeekPageFactory(parent=open_course, opens_on=today, closes_on=today + dt.timedelta(6))


@pytest.fixture
def organizer_client(client, open_course, organizer):
    client.force_login(organizer)
    return client


def test_accepting_enrolls_the_applicant_and_emails_them(
    organizer_client, open_course, organizer, django_capture_on_commit_callbacks
):
    applicant = UserFactory(username="ana")
    profile = get_profile(applicant)
    profile.preferred_language = "es"
    profile.save()
    application = Application.objects.create(
        course=open_course, user=applicant, work_description="Cooperativas."
    )

    with django_capture_on_commit_callbacks(execute=True):
        decide(organizer_client, application, "accept")

    assert Enrollment.objects.filter(user=applicant, role=Role.PARTICIPANT).exists()
    application.refresh_from_db()
    assert application.status == "accepted"
    assert application.decided_by == organizer
    assert mail.outbox[-1].to == [applicant.email]


def test_the_decision_email_speaks_the_applicants_language(
    organizer_client, open_course, django_capture_on_commit_callbacks
):
    applicant = UserFactory(username="louis")
    profile = get_profile(applicant)
    profile.preferred_language = "fr"
    profile.save()
    application = Application.objects.create(
        course=open_course, user=applicant, work_description="CDEC."
    )

    with django_capture_on_commit_callbacks(execute=True):
        decide(organizer_client, application, "decline")

    from django.utils import translation

    with translation.override("fr"):
        expected = translation.gettext("The organizers")
    assert expected in mail.outbox[-1].body
    application.refresh_from_db()
    assert application.status == "declined"


def test_accepting_a_key_respondent_past_the_limit_is_refused_with_a_message(
    organizer_client, open_course, week
):
    enroll(course=open_course, user=UserFactory(), role=Role.KEY_RESPONDENT, week=week)
    applicant = UserFactory(username="lucia")
    application = Application.objects.create(
        course=open_course,
        user=applicant,
        role="key_respondent",
        work_description="Red.",
        key_respondent_statement="Un caso.",
    )

    response = decide(organizer_client, application, "accept", week=str(week.pk))

    follow = organizer_client.get(response.url)
    assert "key-respondent place" in follow.content.decode()
    assert not Enrollment.objects.filter(user=applicant).exists()
    application.refresh_from_db()
    assert application.status == "pending"


def test_a_key_respondent_is_accepted_into_their_week(organizer_client, open_course, week):
    applicant = UserFactory(username="etienne")
    application = Application.objects.create(
        course=open_course, user=applicant, role="key_respondent", work_description="Chantier."
    )

    decide(organizer_client, application, "accept", week=str(week.pk))

    enrollment = Enrollment.objects.get(user=applicant)
    assert enrollment.role == Role.KEY_RESPONDENT
    assert enrollment.week_id == week.pk


def test_organizers_list_and_filter_applications_in_the_admin(organizer_client, open_course):
    pending_user = UserFactory(username="pending-applicant-amaru")
    declined_user = UserFactory(username="declined-applicant-bertrand")
    Application.objects.create(course=open_course, user=pending_user, work_description="A")
    declined = Application.objects.create(
        course=open_course, user=declined_user, work_description="B", status="declined"
    )

    html = organizer_client.get(reverse("course_applications"), {"status": "pending"}).content
    html = html.decode()

    assert "pending-applicant-amaru" in html
    assert declined.user.username not in html


def test_a_participant_cannot_decide_applications(client, open_course):
    participant = UserFactory(username="nosy")
    enroll(course=open_course, user=participant, role=Role.PARTICIPANT)
    application = Application.objects.create(
        course=open_course, user=UserFactory(), work_description="A"
    )
    client.force_login(participant)

    decide(client, application, "accept")

    application.refresh_from_db()
    assert application.status == "pending"
