"""Who sees and does what with a project, through real HTTP: anonymous visitors, members,
the owner, an accepted volunteer and a moderator, on the project's page, the listing, its
edit page, its offers and its updates; and a project hidden by a moderator."""

from __future__ import annotations

import pytest
from django.urls import reverse

from members.templatetags.member_names import member_name
from projects import actions
from projects.models import Project
from tests.forum.helpers import member

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "owner", "volunteer", "moderator"]


def matrix(*answers):
    """One answer per role, in the order of ROLES."""
    return list(zip(ROLES, answers, strict=True))


SECRET = "La llave está debajo de la maceta."


@pytest.fixture
def world(project, saturdays, owner, louis, moderator):
    accepted = actions.offer(project, member=louis, need=saturdays, message="Voy los sábados.")
    actions.accept(accepted, by=owner)
    pending_member = member("en")
    actions.offer(project, member=pending_member, need=saturdays)
    actions.post_update(project, by=owner, text="El horno llegó.")
    actions.post_update(project, by=owner, text=SECRET, visibility="volunteers")
    return {
        "anonymous": None,
        "member": member("fr"),
        "owner": owner,
        "volunteer": louis,
        "moderator": moderator,
        "pending": pending_member,
    }


def get_as(client, world, role, url):
    client.logout()
    if world[role] is not None:
        client.force_login(world[role])
    return client.get(url)


def detail(project) -> str:
    return reverse("projects:detail", args=[project.pk])


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_an_open_project_and_its_public_update(client, world, project, role):
    response = get_as(client, world, role, detail(project))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Panadería comunitaria" in page
    assert "El horno llegó." in page


@pytest.mark.parametrize(("role", "sees"), matrix(False, False, True, True, True))
def test_the_volunteers_update_reaches_the_volunteers_owner_and_moderators_only(
    client, world, project, role, sees
):
    page = get_as(client, world, role, detail(project)).content.decode()

    assert (SECRET in page) is sees


@pytest.mark.parametrize(("role", "sees"), matrix(False, False, True, False, True))
def test_who_offered_is_shown_to_the_owner_and_moderators_only(client, world, project, role, sees):
    page = get_as(client, world, role, detail(project)).content.decode()

    assert (member_name(world["pending"]) in page) is sees
    assert ("data-offers" in page) is sees


@pytest.mark.parametrize(("role", "form"), matrix(False, True, False, True, True))
def test_the_offer_form_is_for_signed_in_members_other_than_the_owner(
    client, world, project, role, form
):
    page = get_as(client, world, role, detail(project)).content.decode()

    assert ("data-offer-form" in page) is form


@pytest.mark.parametrize(("role", "status"), matrix(302, 403, 200, 403, 403))
def test_only_the_owner_edits(client, world, project, role, status):
    assert (
        get_as(client, world, role, reverse("projects:edit", args=[project.pk])).status_code
        == status
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [("member", 403), ("owner", 403), ("volunteer", 403), ("moderator", 302)],
)
def test_only_moderators_hide(client, world, project, role, status):
    client.force_login(world[role])

    response = client.post(reverse("projects:hide", args=[project.pk]), {"reason": "Spam"})

    assert response.status_code == status
    assert Project.objects.get(pk=project.pk).hidden is (status == 302)


@pytest.fixture
def hidden(world, project, moderator):
    actions.hide(project, by=moderator, reason="Contenido publicitario.")
    return project


@pytest.mark.parametrize(("role", "status"), matrix(404, 404, 200, 404, 200))
def test_a_hidden_project_is_a_404_to_all_but_its_owner_and_moderators(
    client, world, hidden, role, status
):
    response = get_as(client, world, role, detail(hidden))

    assert response.status_code == status


def test_the_owner_reads_why_the_project_was_hidden(client, world, hidden):
    page = get_as(client, world, "owner", detail(hidden)).content.decode()

    assert "data-hidden-notice" in page
    assert "Contenido publicitario." in page


@pytest.mark.parametrize("role", ROLES)
def test_a_hidden_project_is_in_no_listing(client, world, hidden, role):
    for query in ("", "?status=all", "?status=closed"):
        page = get_as(client, world, role, reverse("projects:index") + query).content.decode()
        assert "Panadería comunitaria" not in page


def test_its_owner_finds_it_among_their_own_projects(client, world, hidden):
    page = get_as(client, world, "owner", reverse("projects:index") + "?mine=1").content.decode()

    assert "Panadería comunitaria" in page
    assert "Oculto por la moderación" in page


@pytest.mark.parametrize("role", ["member", "volunteer"])
def test_a_hidden_project_takes_no_offer_nor_actions(client, world, hidden, saturdays, role):
    client.force_login(world[role])

    assert (
        client.post(reverse("projects:offer", args=[hidden.pk]), {"need": saturdays.pk}).status_code
        == 404
    )


def test_a_moderator_shows_it_again(client, world, hidden):
    client.force_login(world["moderator"])

    client.post(reverse("projects:unhide", args=[hidden.pk]))

    hidden.refresh_from_db()
    assert (hidden.hidden, hidden.hidden_reason, hidden.hidden_by) == (False, "", None)
    assert get_as(client, world, "anonymous", detail(hidden)).status_code == 200


def test_hiding_needs_a_reason(client, world, project):
    client.force_login(world["moderator"])

    response = client.post(reverse("projects:hide", args=[project.pk]), {"reason": ""})

    assert response.status_code == 400
    assert not Project.objects.get(pk=project.pk).hidden


@pytest.mark.parametrize("role", ROLES)
def test_an_open_project_is_listed_to_everyone_without_the_volunteers_update(
    client, world, project, role
):
    page = get_as(client, world, role, reverse("projects:index")).content.decode()

    assert "Panadería comunitaria" in page
    assert SECRET not in page


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_proposing_needs_an_account(client, world, role):
    response = get_as(client, world, role, reverse("projects:new"))

    assert response.status_code == (302 if role == "anonymous" else 200)
