"""The owner hears of each offer of help, the offerer of the owner's answer: a notice in
the centre and an email as each chose, in the recipient's language."""

from __future__ import annotations

import pytest
from django.urls import reverse

from notifications.emails import notice_message
from notifications.models import Email, EmailChoice, Event, Notice, NotificationSettings
from projects import actions

pytestmark = pytest.mark.django_db


def test_an_offer_tells_the_owner_with_an_email_in_their_language(project, saturdays, owner, louis):
    offer = actions.offer(project, member=louis, need=saturdays, message="Je viens le samedi.")

    notice = Notice.objects.get(recipient=owner)
    assert (notice.event, notice.actor, notice.data["offer"]) == (
        Event.PROJECT_OFFER,
        louis,
        offer.pk,
    )
    assert notice.url == reverse("projects:detail", args=[project.pk])
    email = Email.objects.get(notice=notice)
    message = notice_message(email, notice)
    assert "ofreció ayuda en su proyecto" in message.subject
    assert "Panadería comunitaria" in message.subject
    assert "Je viens le samedi." in message.body
    assert not Notice.objects.filter(recipient=louis).exists()


def test_an_owner_who_wants_no_email_gets_the_notice_only(project, saturdays, owner, louis):
    NotificationSettings.objects.create(user=owner, email=EmailChoice.NONE)

    actions.offer(project, member=louis, need=saturdays)

    notice = Notice.objects.get(recipient=owner)
    assert not Email.objects.filter(notice=notice).exists()


@pytest.mark.parametrize(
    ("decide", "headline"),
    [
        (actions.accept, "Votre offre d'aide a été acceptée"),
        (actions.decline, "Votre offre d'aide a été déclinée"),
    ],
)
def test_the_decision_tells_the_volunteer_in_their_language(
    project, saturdays, owner, louis, decide, headline
):
    offer = actions.offer(project, member=louis, need=saturdays)

    decided = decide(offer, by=owner)

    notice = Notice.objects.get(recipient=louis)
    assert (notice.event, notice.actor, notice.data["status"]) == (
        Event.PROJECT_OFFER_DECIDED,
        owner,
        decided.status,
    )
    message = notice_message(Email.objects.get(notice=notice), notice)
    assert headline in message.subject


def test_the_centre_shows_the_offer_with_the_projects_title(
    client, project, saturdays, owner, louis
):
    actions.offer(project, member=louis, need=saturdays)
    client.force_login(owner)

    page = client.get(reverse("notifications:centre")).content.decode()

    assert "ofreció ayuda en su proyecto" in page
    assert "Panadería comunitaria" in page
    notice = Notice.objects.get(recipient=owner)
    opened = client.get(reverse("notifications:open", args=[notice.pk]))
    assert opened["Location"] == reverse("projects:detail", args=[project.pk])


def test_a_decision_on_a_hidden_project_tells_nobody(project, saturdays, owner, louis, moderator):
    offer = actions.offer(project, member=louis, need=saturdays)
    actions.hide(project, by=moderator, reason="Spam")

    actions.decline(offer, by=owner)

    assert not Notice.objects.filter(recipient=louis).exists()


def test_a_notice_about_a_project_hidden_since_neither_names_nor_quotes_it(
    client, project, saturdays, owner, louis, moderator
):
    offer = actions.offer(project, member=louis, need=saturdays)
    actions.accept(offer, by=owner)
    actions.hide(project, by=moderator, reason="Spam")
    client.force_login(louis)

    page = client.get(reverse("notifications:centre")).content.decode()

    assert Notice.objects.filter(recipient=louis, event=Event.PROJECT_OFFER_DECIDED).exists()
    assert "Panadería comunitaria" not in page


def test_a_volunteers_update_makes_no_notice_nor_email(project, saturdays, owner, louis):
    actions.accept(actions.offer(project, member=louis, need=saturdays), by=owner)
    before = (Notice.objects.count(), Email.objects.count())

    actions.post_update(project, by=owner, text="Secreto.", visibility="volunteers")

    assert (Notice.objects.count(), Email.objects.count()) == before
