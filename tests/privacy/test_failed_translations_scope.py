"""The "Failed translations" admin screen belongs to each course's organizers: they see and
retry their own course's rows, not another course's; superusers see every row."""

from __future__ import annotations

import pytest
from machina.test.factories import PostFactory, UserFactory, create_topic

from courses.models import Role
from tests.forum.helpers import course_forum, grant
from translations import pipeline
from translations.models import PostTranslation

pytestmark = pytest.mark.django_db

FAILED_URL = "/admin/translations/failed/"
RETRY_URL = "/admin/translations/retry/"


def failed_translation(forum, subject: str) -> PostTranslation:
    author = UserFactory()
    post = PostFactory(
        topic=create_topic(forum=forum, poster=author, subject=subject),
        poster=author,
        subject=subject,
    )
    pipeline.request_post_translation(post, targets=["en"], language="es")
    pipeline.mark_failed(post.pk, error="HTTP 503: engine down")
    return PostTranslation.objects.get(post=post, language="en")


@pytest.fixture
def own_and_other():
    """A failed translation in the organizer's course, and one in another course."""
    own_forum, other_forum = course_forum(), course_forum()
    return (
        failed_translation(own_forum, "Cooperativas propias"),
        failed_translation(other_forum, "Plan de otro curso"),
    )


@pytest.fixture
def organizer(own_and_other):
    own, _other = own_and_other
    user = UserFactory()
    grant(user, own.post.topic.forum, Role.ORGANIZER)
    return user


def test_an_organizer_sees_only_their_own_courses_failed_translations(
    client, organizer, own_and_other
):
    own, other = own_and_other
    client.force_login(organizer)

    html = client.get(FAILED_URL).content.decode()

    assert f'value="{own.pk}"' in html
    assert f'value="{other.pk}"' not in html
    assert "Plan de otro curso" not in html


def test_an_organizer_cannot_retry_another_courses_translation(client, organizer, own_and_other):
    _own, other = own_and_other
    client.force_login(organizer)

    response = client.post(RETRY_URL, {"translation": [other.pk]})

    other.refresh_from_db()
    assert response.status_code == 302
    assert other.status == PostTranslation.Status.FAILED


def test_an_organizer_retries_their_own_courses_translation(client, organizer, own_and_other):
    own, _other = own_and_other
    client.force_login(organizer)

    client.post(RETRY_URL, {"translation": [own.pk]})

    own.refresh_from_db()
    assert own.status == PostTranslation.Status.PENDING


def test_a_superuser_sees_every_courses_failed_translations(client, own_and_other):
    own, other = own_and_other
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    html = client.get(FAILED_URL).content.decode()

    assert f'value="{own.pk}"' in html
    assert f'value="{other.pk}"' in html


@pytest.mark.parametrize(
    "value", ["²", "٣", "１"], ids=["superscript", "arabic-indic", "fullwidth"]
)
def test_a_retry_with_a_digit_that_is_not_ascii_is_ignored_not_a_server_error(
    client, organizer, own_and_other, value
):
    own, _other = own_and_other
    client.force_login(organizer)

    response = client.post(RETRY_URL, {"translation": [value]})

    own.refresh_from_db()
    assert response.status_code == 302
    assert own.status == PostTranslation.Status.FAILED
