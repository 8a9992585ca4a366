"""A `next` in our own forms sends people back within the site, never to another one: the
translation editor's (its Cancel link and its redirect) and the application decision's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import applications
from courses.enrollment import enroll
from courses.models import Application, Role
from tests.factories import UserFactory
from tests.forum.helpers import member, row, topic_url
from tests.translations.course_posts import course_post, week_forum
from tests.translations.pipeline_helpers import CountingEngine
from translations import pipeline

pytestmark = pytest.mark.django_db

OFF_SITE = [
    "/\\evil.example/",
    "//evil.example/",
    "https://evil.example/phish",
    "/\\/evil.example/",
    "\\\\evil.example/",
]


@pytest.fixture
def translator(client, course):
    user = member("es", reads=["es", "en"])
    enroll(course=course, user=user, role=Role.TRANSLATOR)
    client.force_login(user)
    return user


@pytest.fixture
def translation(week, organizer):
    post = course_post(week_forum(week, organizer), member("fr"), content="Crédito.", language="fr")
    pipeline.translate_pending(post.pk, engine=CountingEngine())
    return row(post)


def save(client, translation, next_url: str):
    return client.post(
        reverse("translation_edit", args=[translation.pk]),
        {
            "subject": "Hola",
            "content": "Crédito cooperativo.",
            "digest": translation.source_digest,
            "next": next_url,
        },
    )


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_the_translation_editors_cancel_link_stays_on_the_site(
    client, translator, translation, next_url
):
    response = client.get(reverse("translation_edit", args=[translation.pk]), {"next": next_url})

    queue = reverse("translation_review_queue")
    html = response.content.decode()
    assert response.context["next_url"] == queue
    assert f'<a href="{queue}" class="btn btn-link">' in html  # Cancel
    assert f'name="next" value="{queue}"' in html


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_saving_a_translation_never_redirects_off_the_site(
    client, translator, translation, next_url
):
    response = save(client, translation, next_url)

    assert response.status_code == 302
    assert response["Location"] == reverse("translation_review_queue")


def test_saving_a_translation_goes_back_to_the_topic_it_came_from(client, translator, translation):
    back = f"{topic_url(translation.post.topic)}?page=1#{translation.post.pk}"

    response = save(client, translation, back)

    assert response["Location"] == back


@pytest.fixture
def application(course):
    """An application to the course, made before its deadline."""
    course.application_deadline = timezone.localdate() + dt.timedelta(days=10)
    course.start_date = course.application_deadline  # applications close by the start
    course.save_revision().publish()
    return applications.apply(
        course=course,
        user=UserFactory(username="lea"),
        role=Application.AppliedRole.PARTICIPANT,
        work_description="Coopératives d'habitation.",
    )


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_an_application_decision_never_redirects_off_the_site(
    client, organizer, application, next_url
):
    client.force_login(organizer)

    response = client.post(
        reverse("decide_application", args=[application.pk]),
        {"decision": "decline", "next": next_url},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("course_applications")


def test_an_application_decision_goes_back_to_the_filtered_list(client, organizer, application):
    client.force_login(organizer)
    back = f"{reverse('course_applications')}?status=pending"

    response = client.post(
        reverse("decide_application", args=[application.pk]),
        {"decision": "decline", "next": back},
    )

    assert response["Location"] == back
