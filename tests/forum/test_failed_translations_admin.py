"""Organizers see translations that failed for good and can send them again."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from machina.test.factories import PostFactory, UserFactory, create_topic

from courses.models import Role
from tests.forum.helpers import course_forum, grant
from translations import pipeline
from translations.models import PostTranslation

pytestmark = pytest.mark.django_db


def admin_user(*, can_review: bool, organizes=None):
    """An admin user; with `organizes` (a forum), an organizer of its course."""
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    if can_review:
        user.user_permissions.add(Permission.objects.get(codename="change_posttranslation"))
    if organizes is not None:
        grant(user, organizes, Role.ORGANIZER)
    return user


@pytest.fixture
def failed_translation():
    """A translation that failed for good, of a post in a course's week."""
    author = UserFactory()
    post = PostFactory(
        topic=create_topic(forum=course_forum(), poster=author),
        poster=author,
        subject="Cooperativas <b>rurales</b>",
    )
    pipeline.request_post_translation(post, targets=["en"], language="es")
    pipeline.mark_failed(post.pk, error="HTTP 503: engine down")
    return PostTranslation.objects.get(post=post)


def test_an_organizer_sees_failed_translations_with_their_error(client, failed_translation):
    client.force_login(admin_user(can_review=True, organizes=failed_translation.post.topic.forum))

    html = client.get("/admin/translations/failed/").content.decode()

    assert "HTTP 503: engine down" in html
    assert "Cooperativas &lt;b&gt;rurales&lt;/b&gt;" in html
    assert f'value="{failed_translation.pk}"' in html


def test_retrying_puts_the_translation_back_in_the_queue(
    client, failed_translation, django_capture_on_commit_callbacks
):
    client.force_login(admin_user(can_review=True, organizes=failed_translation.post.topic.forum))

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            "/admin/translations/retry/", {"translation": [failed_translation.pk]}
        )

    failed_translation.refresh_from_db()
    assert response.status_code == 302
    assert failed_translation.status == "pending"
    assert len(callbacks) == 1


def test_an_admin_user_without_the_permission_cannot_see_or_retry(client, failed_translation):
    client.force_login(admin_user(can_review=False))

    listing = client.get("/admin/translations/failed/")
    retry = client.post("/admin/translations/retry/", {"translation": [failed_translation.pk]})

    failed_translation.refresh_from_db()
    assert listing.status_code in (302, 403)
    assert retry.status_code in (302, 403)
    assert failed_translation.status == "failed"


def test_the_organizers_group_may_see_and_retry_failed_translations(client, failed_translation):
    from courses.editorial import ensure_editorial_setup

    organizer = UserFactory()
    organizer.groups.add(ensure_editorial_setup().organizers)
    grant(organizer, failed_translation.post.topic.forum, Role.ORGANIZER)  # their course's rows
    client.force_login(organizer)

    response = client.get("/admin/translations/failed/")

    assert response.status_code == 200
    assert f'value="{failed_translation.pk}"' in response.content.decode()
