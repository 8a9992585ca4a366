"""Per course: a member mutes the emails of one of their courses on the preferences page;
its notices still reach the centre, but no email, nor digest, tells of them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.emails import digest_notices
from notifications.models import Email, EmailChoice, Notice, NotificationSettings
from notifications.outbox import still_wanted
from tests.factories import CoursePageFactory
from tests.notifications.conftest import reply

pytestmark = pytest.mark.django_db

PREFERENCES = "/notifications/preferences/"


@pytest.fixture
def follower(ana, topic):
    """ana, with an email address, following the week's first question topic."""
    ana.email = "ana@example.org"
    ana.save()
    topic.subscribers.add(ana)
    return ana


def mute(client, user, *courses) -> None:
    client.force_login(user)
    response = client.post(
        PREFERENCES,
        {
            "email": EmailChoice.EACH,
            "time_zone": "UTC",
            "digest_hour": "7",
            "muted_courses": [str(course.pk) for course in courses],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]


def test_the_page_offers_the_members_courses_only(client, course, follower):
    other = CoursePageFactory(title="A course ana does not follow")
    client.force_login(follower)

    html = client.get(PREFERENCES).content.decode()

    assert f'name="muted_courses" value="{course.pk}"' in html
    assert course.title in html
    assert f'name="muted_courses" value="{other.pk}"' not in html
    assert "A course ana does not follow" not in html
    # ana reads Spanish: the legend and the help in her interface language.
    assert "Silenciar los correos de estos cursos" in html
    assert "Sus avisos siguen apareciendo en tu centro de notificaciones." in html


def test_a_muted_course_sends_no_email_but_keeps_its_notices(
    client, course, follower, louis, topic
):
    before = reply(topic, louis, "Before muting the course.")
    assert Email.objects.filter(notice__recipient=follower, notice__post=before).exists()

    mute(client, follower, course)
    assert list(NotificationSettings.objects.get(user=follower).muted_courses.all()) == [course]
    after = reply(topic, louis, "After muting the course.")

    assert Notice.objects.filter(recipient=follower, post=after).exists()
    assert not Email.objects.filter(notice__recipient=follower, notice__post=after).exists()


def test_an_email_queued_before_muting_is_not_sent(client, course, follower, louis, topic):
    post = reply(topic, louis, "Queued, then muted.")
    email = Email.objects.get(notice__recipient=follower, notice__post=post)
    assert still_wanted(email) == ""

    mute(client, follower, course)

    email.recipient.refresh_from_db()
    assert still_wanted(Email.objects.get(pk=email.pk)) == "no longer wanted"


def test_unmuting_brings_the_emails_back(client, course, follower, louis, topic):
    mute(client, follower, course)
    mute(client, follower)  # none ticked

    post = reply(topic, louis, "Emails again.")

    assert Email.objects.filter(notice__recipient=follower, notice__post=post).exists()


def test_a_digest_leaves_out_the_muted_course(client, course, follower, louis, topic):
    start = timezone.now() - timedelta(minutes=1)
    post = reply(topic, louis, "For the digest.")
    notice = Notice.objects.get(recipient=follower, post=post)
    digest = Email.objects.create(
        key=f"digest:test:{follower.pk}",
        recipient=follower,
        kind=Email.Kind.DIGEST,
        period_start=start,
        period_end=timezone.now() + timedelta(minutes=1),
    )
    assert notice in digest_notices(digest)

    mute(client, follower, course)

    assert notice not in digest_notices(Email.objects.get(pk=digest.pk))
