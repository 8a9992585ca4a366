"""A project from its proposal to its volunteers accepted and its closing, through the
pages: offers, answers, places that run out, updates for the volunteers only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from projects import actions
from projects.models import Need, Offer, Project, Update
from tests.forum.helpers import member

pytestmark = pytest.mark.django_db


def detail(project) -> str:
    return reverse("projects:detail", args=[project.pk])


def offer_through_page(client, person, project, need) -> Offer:
    client.force_login(person)
    response = client.post(
        reverse("projects:offer", args=[project.pk]),
        {"need": need.pk, "message": "Puedo ayudar."},
    )
    assert response.status_code == 302, response.content
    return Offer.objects.get(project=project, member=person, need=need, status="pending")


def test_a_member_proposes_a_project_with_its_needs_through_the_page(
    client, owner, bolivia, training
):
    client.force_login(owner)
    response = client.post(
        reverse("projects:new"),
        {
            "title": "Épicerie solidaire",
            "description": "Des produits frais à prix coûtant.",
            "territory": bolivia.pk,
            "themes": [training.pk],
            "crowdfunding_url": "https://example.org/campagne",
            "needs-TOTAL_FORMS": "3",
            "needs-INITIAL_FORMS": "0",
            "needs-MIN_NUM_FORMS": "0",
            "needs-MAX_NUM_FORMS": "10",
            "needs-0-kind": "volunteers",
            "needs-0-description": "Accueil des familles.",
            "needs-0-places": "6",
            "needs-0-schedule": "Mardis 16 h",
            "needs-1-kind": "materials",
            "needs-1-description": "Des étagères.",
        },
    )

    project = Project.objects.get(title="Épicerie solidaire")
    assert response.status_code == 302
    assert response["Location"] == detail(project)
    assert (project.owner, project.territory, project.status) == (owner, bolivia, "open")
    assert list(project.themes.all()) == [training]
    assert [(n.kind, n.places, n.schedule) for n in project.needs.all()] == [
        ("volunteers", 6, "Mardis 16 h"),
        ("materials", None, ""),
    ]


def test_a_volunteer_need_without_places_is_refused_with_a_clear_error(client, owner):
    client.force_login(owner)
    response = client.post(
        reverse("projects:new"),
        {
            "title": "Sin plazas",
            "description": "Texto.",
            "needs-TOTAL_FORMS": "1",
            "needs-INITIAL_FORMS": "0",
            "needs-0-kind": "volunteers",
            "needs-0-description": "Ayuda.",
        },
    )

    assert response.status_code == 200
    assert "Indique cuántas personas voluntarias necesita el proyecto." in response.content.decode()
    assert not Project.objects.exists()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/x", "not a url"])
def test_the_crowdfunding_link_must_be_a_web_address(client, owner, url):
    client.force_login(owner)
    response = client.post(
        reverse("projects:new"),
        {"title": "T", "description": "D", "crowdfunding_url": url, "needs-TOTAL_FORMS": "0",
         "needs-INITIAL_FORMS": "0"},
    )  # fmt: skip

    assert response.status_code == 200
    assert not Project.objects.exists()


def test_from_offers_to_volunteers_accepted_places_full_and_the_project_closed(
    client, project, saturdays, owner, louis, sarah
):
    third, fourth = member("fr"), member("en")
    offers = [
        offer_through_page(client, p, project, saturdays) for p in (louis, sarah, third, fourth)
    ]

    client.force_login(owner)
    page = client.get(detail(project)).content.decode()
    assert page.count('data-offer-status="pending"') == 4
    assert 'data-places-left="3"' in page

    for offer in offers[:3]:
        client.post(reverse("projects:accept", args=[offer.pk]))
    response = client.post(reverse("projects:accept", args=[offers[3].pk]), follow=True)

    assert "Las 3 plazas de esta necesidad están ocupadas" in response.content.decode()
    assert [Offer.objects.get(pk=o.pk).status for o in offers] == [
        "accepted",
        "accepted",
        "accepted",
        "pending",
    ]
    assert 'data-places-left="0"' in response.content.decode()

    client.post(reverse("projects:decline", args=[offers[3].pk]))
    assert Offer.objects.get(pk=offers[3].pk).status == "declined"

    client.post(
        reverse("projects:post_update", args=[project.pk]),
        {"text": "Nos vemos en la calle Jordán 245.", "visibility": "volunteers"},
    )
    client.post(
        reverse("projects:post_update", args=[project.pk]),
        {"text": "El horno llegó.", "visibility": "public"},
    )
    client.force_login(louis)  # accepted
    page = client.get(detail(project)).content.decode()
    assert "calle Jordán 245" in page
    assert "El horno llegó." in page
    client.force_login(fourth)  # declined
    page = client.get(detail(project)).content.decode()
    assert "calle Jordán 245" not in page
    assert "El horno llegó." in page

    client.force_login(owner)
    client.post(reverse("projects:close", args=[project.pk]))
    project.refresh_from_db()
    assert project.status == "closed"
    assert project.closed_at is not None

    client.force_login(member("es"))
    page = client.get(detail(project)).content.decode()
    assert 'data-status="closed"' in page
    assert "data-offer-form" not in page
    response = client.post(reverse("projects:offer", args=[project.pk]), {"need": saturdays.pk})
    assert response.status_code == 403


def test_a_full_need_takes_no_new_offer(project, saturdays, owner, louis):
    for person in (member("fr"), member("fr"), member("fr")):
        actions.accept(actions.offer(project, member=person, need=saturdays), by=owner)

    with pytest.raises(actions.ActionRefused, match="all the volunteers"):
        actions.offer(project, member=louis, need=saturdays)


def test_one_pending_offer_per_member_and_need(project, saturdays, louis):
    actions.offer(project, member=louis, need=saturdays)

    with pytest.raises(actions.ActionRefused):
        actions.offer(project, member=louis, need=saturdays)
    assert Offer.objects.filter(member=louis).count() == 1


def test_an_expertise_offer_keeps_its_fee_and_a_volunteer_offer_none(
    project, saturdays, accounting, louis
):
    paid = actions.offer(project, member=louis, need=accounting, fee="200 Bs por mes")
    volunteer = actions.offer(project, member=louis, need=saturdays, fee="ignored")

    assert (paid.kind, paid.fee, paid.paid) == ("expertise", "200 Bs por mes", True)
    assert (volunteer.kind, volunteer.fee) == ("volunteer", "")


def test_the_owner_cannot_offer_on_their_own_project(client, project, saturdays, owner):
    client.force_login(owner)
    response = client.post(reverse("projects:offer", args=[project.pk]), {"need": saturdays.pk})

    assert response.status_code == 403
    assert not Offer.objects.exists()


def test_a_volunteer_withdraws_and_frees_the_place(client, project, saturdays, owner, louis):
    offer = actions.offer(project, member=louis, need=saturdays)
    actions.accept(offer, by=owner)
    client.force_login(louis)

    client.post(reverse("projects:withdraw", args=[offer.pk]))

    assert Offer.objects.get(pk=offer.pk).status == "withdrawn"
    assert 'data-places-left="3"' in client.get(detail(project)).content.decode()


def test_only_the_offerer_withdraws_and_only_the_owner_decides(
    client, project, saturdays, louis, sarah
):
    offer = actions.offer(project, member=louis, need=saturdays)
    client.force_login(sarah)

    assert client.post(reverse("projects:withdraw", args=[offer.pk])).status_code == 403
    assert client.post(reverse("projects:accept", args=[offer.pk])).status_code == 403
    assert client.post(reverse("projects:decline", args=[offer.pk])).status_code == 403
    assert Offer.objects.get(pk=offer.pk).status == "pending"


def test_a_decided_offer_is_not_decided_again(project, saturdays, owner, louis):
    offer = actions.offer(project, member=louis, need=saturdays)
    actions.decline(offer, by=owner)

    with pytest.raises(actions.ActionRefused):
        actions.accept(offer, by=owner)


def test_a_closed_project_reopens_and_takes_offers_again(client, project, saturdays, owner, louis):
    actions.close(project, by=owner)
    client.force_login(owner)

    client.post(reverse("projects:reopen", args=[project.pk]))

    project.refresh_from_db()
    assert project.is_open
    assert actions.offer(project, member=louis, need=saturdays).status == "pending"


def test_the_owner_edits_the_project_and_removes_a_need(
    client, project, saturdays, accounting, owner
):
    client.force_login(owner)
    response = client.post(
        reverse("projects:edit", args=[project.pk]),
        {
            "title": "Panadería La Minga",
            "description": "Nueva descripción.",
            "remove_need": [accounting.pk],
            "needs-TOTAL_FORMS": "0",
            "needs-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Panadería La Minga"
    assert list(project.needs.values_list("pk", flat=True)) == [saturdays.pk]
    assert not Need.objects.filter(pk=accounting.pk).exists()


def test_updates_are_listed_newest_first(project, owner):
    actions.post_update(project, by=owner, text="Primera.")
    actions.post_update(project, by=owner, text="Segunda.")

    assert [u.text for u in Update.objects.filter(project=project)] == ["Segunda.", "Primera."]


def test_the_owner_adds_places_to_a_full_need_and_accepts_the_next_volunteer(
    client, project, saturdays, owner
):
    offers = [actions.offer(project, member=member("fr"), need=saturdays) for _ in range(4)]
    for offer in offers[:3]:
        actions.accept(offer, by=owner)
    client.force_login(owner)

    client.post(
        reverse("projects:edit", args=[project.pk]),
        {
            "title": project.title,
            "description": project.description,
            f"places-{saturdays.pk}": "4",
            "needs-TOTAL_FORMS": "0",
            "needs-INITIAL_FORMS": "0",
        },
    )

    assert Need.objects.get(pk=saturdays.pk).places == 4
    assert actions.accept(offers[3], by=owner).status == "accepted"


def test_places_never_drop_below_the_volunteers_accepted(client, project, saturdays, owner):
    for _ in range(2):
        actions.accept(actions.offer(project, member=member("fr"), need=saturdays), by=owner)
    client.force_login(owner)

    response = client.post(
        reverse("projects:edit", args=[project.pk]),
        {
            "title": "Otro título",
            "description": project.description,
            f"places-{saturdays.pk}": "1",
            "needs-TOTAL_FORMS": "0",
            "needs-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "2 personas voluntarias ya están aceptadas" in response.content.decode()
    assert Need.objects.get(pk=saturdays.pk).places == 3
    assert Project.objects.get(pk=project.pk).title == project.title  # nothing saved
