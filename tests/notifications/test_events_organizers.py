"""Organizers hear of new applications and of translations that failed after every retry;
applicants of their application received and decided."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from courses.applications import accept, apply, decline
from notifications.models import Event, Notice
from notifications.tasks import notify_failed_translations
from tests.factories import UserFactory
from tests.forum.participation_helpers import person, publish
from tests.translations.course_posts import course_post
from translations.models import PostTranslation, TextTranslation
from translations.pipeline import queueing

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_course(course):
    course.application_deadline = timezone.localdate() + dt.timedelta(days=3)
    course.start_date = course.application_deadline
    course.save_revision().publish()
    course.refresh_from_db()
    return course


def test_a_new_application_tells_the_organizers_and_the_applicant(open_course, organizer):
    applicant = UserFactory(username="applicant")
    other_course_organizer = UserFactory(username="elsewhere")

    application = apply(
        course=open_course, user=applicant, role="participant", work_description="Cooperativas."
    )

    told = Notice.objects.get(recipient=organizer)
    assert (told.event, told.actor_id, told.data["application"]) == (
        Event.APPLICATION,
        applicant.pk,
        application.pk,
    )
    assert told.url == "/admin/applications/"
    received = Notice.objects.get(recipient=applicant)
    assert received.event == Event.APPLICATION_RECEIVED
    assert received.data["course"] == open_course.pk
    assert not Notice.objects.filter(recipient=other_course_organizer).exists()


@pytest.mark.parametrize("decide", [accept, decline])
def test_the_decision_tells_the_applicant(open_course, organizer, decide):
    applicant = UserFactory(username="applicant")
    application = apply(
        course=open_course, user=applicant, role="participant", work_description="Cooperativas."
    )

    decide(application, by=organizer)

    decided = Notice.objects.get(recipient=applicant, event=Event.APPLICATION_DECIDED)
    assert decided.data["status"] == application.status
    assert decided.actor_id == organizer.pk


def failed_post(forum, author, content: str):
    post = course_post(forum, author, content=content, language="es")
    queueing.mark_failed(post.pk, error="Engine down for good.")
    return post


def test_translations_failed_for_good_tell_the_organizers_once_with_their_count(
    course, forum, organizer
):
    ana = person(course, "ana", language="es")
    failed_post(forum, ana, "Primera.")
    failed_post(forum, ana, "Segunda.")
    failed = PostTranslation.objects.filter(status=PostTranslation.Status.FAILED).count()

    notify_failed_translations()
    notify_failed_translations()

    notice = Notice.objects.get(recipient=organizer, event=Event.TRANSLATION_FAILED)
    assert notice.data["count"] == failed > 0
    assert notice.url == "/admin/translations/failed/"
    assert not Notice.objects.filter(recipient=ana, event=Event.TRANSLATION_FAILED).exists()


def test_a_translation_that_fails_again_after_a_retry_is_told_again(course, forum, organizer):
    post = failed_post(forum, person(course, "ana", language="es"), "Primera.")
    notify_failed_translations()

    queueing.retry_failed(PostTranslation.objects.filter(post=post).values_list("pk", flat=True))
    queueing.mark_failed(post.pk, error="Still down.")
    notify_failed_translations()

    assert Notice.objects.filter(recipient=organizer, event=Event.TRANSLATION_FAILED).count() == 2


def test_a_page_texts_failed_translation_is_counted_for_its_course(course, organizer):
    publish(course, organizer)  # its texts are recorded and their translations queued
    rows = TextTranslation.objects.filter(source__glossary=course.pk)
    assert rows.exists()
    # What the worker writes after its last retry (translations.texts).
    rows.update(status=TextTranslation.Status.FAILED, last_error="Gave up.")

    notify_failed_translations()

    notice = Notice.objects.get(recipient=organizer, event=Event.TRANSLATION_FAILED)
    assert notice.data["count"] == rows.count()
    assert notice.data["texts"]
