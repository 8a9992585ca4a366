"""Emails that could not be sent are shown to the organizers of their recipients' courses,
with their error and a retry button."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from machina.test.factories import UserFactory

from courses.models import Role
from notifications.models import Email
from notifications.outbox import queue_notice_email
from tests.forum.helpers import grant

from .delivery_helpers import spanish_post_for_english_reader

pytestmark = pytest.mark.django_db


def admin_user(*, organizes=None):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    if organizes is not None:
        grant(user, organizes, Role.ORGANIZER)
    return user


@pytest.fixture
def failed_email():
    post, reader, notice = spanish_post_for_english_reader(reads=["es"])
    email = queue_notice_email(notice)
    assert email is not None
    Email.objects.filter(pk=email.pk).update(
        status=Email.Status.FAILED,
        attempts=8,
        last_error="SMTPServerDisconnected: <b>gone</b>",
        subject="[Puentes] Ana replied",
    )
    return Email.objects.get(pk=email.pk)


def test_an_organizer_sees_the_failed_emails_of_their_course_with_the_error(client, failed_email):
    client.force_login(admin_user(organizes=failed_email.notice.post.topic.forum))

    html = client.get("/admin/emails/failed/").content.decode()

    assert failed_email.recipient.email in html
    assert "SMTPServerDisconnected: &lt;b&gt;gone&lt;/b&gt;" in html
    assert f"/admin/emails/{failed_email.pk}/retry/" in html


def test_an_organizer_of_another_course_does_not_see_them(client, failed_email):
    from tests.forum.helpers import course_forum

    client.force_login(admin_user(organizes=course_forum()))

    html = client.get("/admin/emails/failed/").content.decode()

    assert failed_email.recipient.email not in html
    assert client.post(f"/admin/emails/{failed_email.pk}/retry/").status_code == 404


def test_a_member_who_organizes_nothing_may_not_open_the_list(client, failed_email):
    client.force_login(admin_user())

    response = client.get("/admin/emails/failed/")

    # Wagtail answers a refusal in its admin by sending one back to the dashboard.
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.post(f"/admin/emails/{failed_email.pk}/retry/").status_code == 404


def test_retry_gives_the_email_a_new_series_of_attempts(
    client, failed_email, django_capture_on_commit_callbacks
):
    client.force_login(admin_user(organizes=failed_email.notice.post.topic.forum))

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(f"/admin/emails/{failed_email.pk}/retry/")

    assert response.status_code == 302
    failed_email.refresh_from_db()
    assert failed_email.status == Email.Status.PENDING
    assert failed_email.attempts == 0
    assert len(callbacks) == 1  # its task, once committed
