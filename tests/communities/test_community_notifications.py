"""What happens to a community is told to those it concerns, and to nobody else: a notice in
the centre and an email as each chose, in the recipient's language, the community's name as
its page shows it to them (translated, with its label)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communities import actions
from forum.models import CommunityOfPractice
from members.moderators import site_moderators_group
from notifications.emails import notice_message
from notifications.models import Email, EmailChoice, Event, Notice, NotificationSettings
from tests.communities.conftest import approved, post_in
from tests.forum.helpers import member
from tests.translations.pipeline_helpers import CountingEngine
from translations.texts import translate_due_texts

pytestmark = pytest.mark.django_db

Access = CommunityOfPractice.Access
NAME = "Finanzas solidarias"
NAME_IN_FRENCH = "Finances solidaires"  # Apertium's, as the community's page shows it
PURPOSE = "Un espacio cerrado para las cooperativas de ahorro."
SECRET_SUBJECT = "Tasas confidenciales"


@pytest.fixture(autouse=True)
def catalogs(compiled_catalogs):
    """Notices are read in each member's language: the es and fr catalogs compiled."""


@dataclass
class People:
    moderator: User  # reads English
    moderateur: User  # a second site moderator, who reads French
    host: User  # proposed the private community; reads Spanish
    member: User  # of the private community, not a host
    louis: User  # a member of neither community, reads French
    sarah: User  # a member of neither community, reads English
    private: CommunityOfPractice
    secret_topic: object


def site_moderator(language: str) -> User:
    user = member(language)
    user.groups.add(site_moderators_group())
    return User.objects.get(pk=user.pk)  # permissions cache cleared


@pytest.fixture
def people() -> People:
    moderator, moderateur = site_moderator("en"), site_moderator("fr")
    host, private_member = member("es"), member("es")
    private = approved(host, moderator, name=NAME, purpose=PURPOSE, access=Access.PRIVATE)
    invitation = actions.invite(community=private, host=host, invited=private_member)
    actions.answer_invitation(invitation=invitation, user=private_member, accept=True)
    topic = post_in(private, host, subject=SECRET_SUBJECT, content="Nuestras tasas negociadas.")
    translate_due_texts(engine=CountingEngine())  # the name and purpose, as on its page
    # The world as it stands, with nothing told yet.
    Email.objects.all().delete()
    Notice.objects.all().delete()
    return People(
        moderator, moderateur, host, private_member, member("fr"), member("en"), private, topic
    )


def told(event: str) -> set[User]:
    return {notice.recipient for notice in Notice.objects.filter(event=event)}


def subject_of(notice: Notice) -> str:
    return str(notice_message(Email.objects.get(notice=notice), notice).subject)


def body_of(notice: Notice) -> str:
    return str(notice_message(Email.objects.get(notice=notice), notice).body)


# ---------------------------------------------------------------------------
# Proposals: the site's moderators, then the proposer
# ---------------------------------------------------------------------------
def test_a_proposal_tells_the_site_moderators_only_with_a_link_to_the_proposals(people):
    community = actions.propose_community(
        proposer=people.sarah, name="Monnaies locales", purpose="Des monnaies.", access="open"
    )

    assert told(Event.COMMUNITY_PROPOSED) == {people.moderator, people.moderateur}
    assert Notice.objects.exclude(event=Event.COMMUNITY_PROPOSED).count() == 0
    notice = Notice.objects.get(recipient=people.moderateur)
    assert (notice.actor, notice.data["community"]) == (people.sarah, community.pk)
    assert notice.url == reverse("communities:proposals")
    assert "a proposé une nouvelle communauté" in subject_of(notice)
    assert "Monnaies locales" in subject_of(notice)


@pytest.mark.parametrize(
    ("approve", "headline"),
    [
        (True, "Su comunidad propuesta fue aprobada"),
        (False, "Su comunidad propuesta fue rechazada"),
    ],
)
def test_the_decision_tells_the_proposer_only_in_their_language(people, approve, headline):
    community = actions.propose_community(
        proposer=people.host, name="Bancos de tiempo", purpose="Horas.", access="private"
    )
    Notice.objects.all().delete()

    actions.decide_proposal(community=community, moderator=people.moderator, approve=approve)

    assert {notice.recipient for notice in Notice.objects.all()} == {people.host}
    notice = Notice.objects.get(recipient=people.host)
    assert (notice.event, notice.actor, notice.data["approved"]) == (
        Event.COMMUNITY_DECIDED,
        people.moderator,
        approve,
    )
    assert notice.url == reverse("communities:detail", args=[community.slug])
    assert headline in subject_of(notice)
    assert "Bancos de tiempo" in subject_of(notice)


def test_a_moderator_no_longer_in_the_role_is_not_told_the_proposals_name(client, people):
    actions.propose_community(
        proposer=people.sarah, name="Monnaies locales", purpose="Des monnaies.", access="open"
    )
    people.moderateur.groups.clear()
    client.force_login(people.moderateur)

    page = client.get(reverse("notifications:centre")).content.decode()

    assert "a proposé une nouvelle communauté" in page
    assert "Monnaies locales" not in page


# ---------------------------------------------------------------------------
# Requests to join: the hosts, then the member who asked
# ---------------------------------------------------------------------------
def test_a_request_to_join_tells_the_hosts_only_with_a_link_to_decide(client, people):
    client.force_login(people.louis)

    client.post(
        reverse("communities:request", args=[people.private.slug]), {"message": "Je voudrais."}
    )

    assert {notice.recipient for notice in Notice.objects.all()} == {people.host}
    notice = Notice.objects.get(recipient=people.host)
    assert (notice.event, notice.actor) == (Event.JOIN_REQUEST, people.louis)
    assert notice.url == reverse("communities:manage", args=[people.private.slug]) + "#requests"
    assert "pidió unirse a su comunidad" in subject_of(notice)
    assert NAME in subject_of(notice)
    client.force_login(people.host)
    manage = client.get(notice.url)
    assert manage.status_code == 200
    assert "Je voudrais." in manage.content.decode()


def test_asking_again_while_the_request_waits_tells_the_hosts_once(people):
    actions.request_to_join(community=people.private, user=people.louis)
    actions.request_to_join(community=people.private, user=people.louis)

    assert Notice.objects.filter(recipient=people.host, event=Event.JOIN_REQUEST).count() == 1


def test_a_request_to_a_community_without_hosts_tells_nobody(people):
    actions.set_host(community=people.private, by=people.moderator, user=people.host, host=False)

    actions.request_to_join(community=people.private, user=people.louis)

    assert not Notice.objects.exists()


@pytest.mark.parametrize(
    ("accept", "headline"),
    [
        (True, "Votre demande pour rejoindre la communauté a été acceptée"),
        (False, "Votre demande pour rejoindre la communauté a été refusée"),
    ],
)
def test_the_hosts_decision_tells_the_member_in_their_language_with_the_name_translated(
    people, accept, headline
):
    join_request = actions.request_to_join(community=people.private, user=people.louis)
    Notice.objects.all().delete()

    actions.decide_join_request(join_request=join_request, host=people.host, accept=accept)

    assert {notice.recipient for notice in Notice.objects.all()} == {people.louis}
    notice = Notice.objects.get(recipient=people.louis)
    assert (notice.event, notice.actor, notice.data["status"]) == (
        Event.JOIN_REQUEST_DECIDED,
        people.host,
        join_request.status,
    )
    assert notice.url == reverse("communities:detail", args=[people.private.slug])
    subject = subject_of(notice)
    assert headline in subject
    assert NAME_IN_FRENCH in subject


def test_a_declined_member_reads_no_private_content_through_the_notice(client, people):
    join_request = actions.request_to_join(community=people.private, user=people.louis)
    actions.decide_join_request(join_request=join_request, host=people.host, accept=False)
    notice = Notice.objects.get(recipient=people.louis)
    client.force_login(people.louis)

    centre = client.get(reverse("notifications:centre")).content.decode()
    opened = client.get(reverse("notifications:open", args=[notice.pk]), follow=True)

    assert NAME_IN_FRENCH in centre
    assert SECRET_SUBJECT not in centre
    assert opened.redirect_chain[-1][0] == reverse("communities:detail", args=[people.private.slug])
    assert SECRET_SUBJECT not in opened.content.decode()
    assert SECRET_SUBJECT not in body_of(notice)


# ---------------------------------------------------------------------------
# Invitations: the member invited
# ---------------------------------------------------------------------------
def test_an_invitation_tells_the_invitee_only_with_a_link_to_accept(client, people):
    invitation = actions.invite(community=people.private, host=people.host, invited=people.sarah)

    assert {notice.recipient for notice in Notice.objects.all()} == {people.sarah}
    notice = Notice.objects.get(recipient=people.sarah)
    assert (notice.event, notice.actor) == (Event.COMMUNITY_INVITATION, people.host)
    assert notice.url == reverse("communities:invitations")
    assert "invited you to join a community" in subject_of(notice)
    body = body_of(notice)
    assert "Machine-translated from Spanish" in body  # its purpose, quoted in English
    assert PURPOSE not in body
    client.force_login(people.sarah)
    page = client.get(notice.url).content.decode()
    assert reverse("communities:answer_invitation", args=[invitation.pk]) in page


def test_an_invitee_who_wants_no_email_gets_the_notice_only(people):
    NotificationSettings.objects.create(user=people.louis, email=EmailChoice.NONE)

    actions.invite(community=people.private, host=people.host, invited=people.louis)

    notice = Notice.objects.get(recipient=people.louis)
    assert not Email.objects.filter(notice=notice).exists()


def test_the_centre_shows_the_invitation_with_the_name_in_the_readers_language(client, people):
    actions.invite(community=people.private, host=people.host, invited=people.louis)
    client.force_login(people.louis)

    page = client.get(reverse("notifications:centre")).content.decode()

    assert "vous a invité à rejoindre une communauté" in page
    assert NAME_IN_FRENCH in page
    assert "Traduction automatique (original en espagnol)" in page


# ---------------------------------------------------------------------------
# Bridges: the hosts of the community a topic is shared with
# ---------------------------------------------------------------------------
def test_a_shared_topic_tells_the_target_hosts_only_and_never_names_the_topic(people):
    open_host, open_member = member("fr"), member("fr")
    target = approved(
        open_host, people.moderator, name="Monnaies locales", purpose="Des.", access="open"
    )
    actions.join_community(community=target, user=open_member)
    Notice.objects.all().delete()

    actions.share_topic(
        topic=people.secret_topic,
        from_community=people.private,
        to_community=target,
        by=people.host,
    )

    assert {notice.recipient for notice in Notice.objects.all()} == {open_host}
    notice = Notice.objects.get(recipient=open_host)
    assert (notice.event, notice.actor) == (Event.TOPIC_SHARED, people.host)
    assert notice.url == reverse("communities:detail", args=[target.slug])
    subject, body = subject_of(notice), body_of(notice)
    assert "a partagé une discussion avec votre communauté" in subject
    assert "Monnaies locales" in subject
    assert SECRET_SUBJECT not in subject + body
    assert NAME not in subject + body
    assert NAME_IN_FRENCH not in subject + body


def test_the_centre_takes_the_same_queries_for_one_community_notice_or_many(client, people):
    client.force_login(people.host)
    url = reverse("notifications:centre")

    def queries_with(count: int) -> int:
        for _number in range(count):
            actions.request_to_join(community=people.private, user=member("fr"))
        client.get(url)  # warm caches (session, site, catalogs)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url).content.decode()
        assert page.count("pidió unirse a su comunidad") == Notice.objects.count()
        return len(queries)

    assert queries_with(1) == queries_with(4)
