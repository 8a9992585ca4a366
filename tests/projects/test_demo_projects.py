"""The demo ships two open projects looking for volunteers (a Spanish one in Bolivia, a
French one in Quebec), with offers, an accepted volunteer and updates, once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from projects.models import Need, Offer, Project, Update
from projects.rights import visible_updates

pytestmark = pytest.mark.django_db


def test_the_demo_has_two_open_projects_looking_for_volunteers_and_loads_them_once(
    demo_cohort,
):
    call_command("load_demo", stdout=StringIO())

    projects = Project.objects.order_by("title")
    assert [(p.title, p.territory.slug, p.status, p.hidden) for p in projects] == [
        ("Panadería comunitaria La Minga", "bolivia", "open", False),
        ("Épicerie solidaire de Rosemont", "quebec", "open", False),
    ]
    for project in projects:
        assert project.needs.filter(kind=Need.Kind.VOLUNTEERS, places__gt=0).exists()
    bakery, grocery = projects
    assert grocery.crowdfunding_url.startswith("https://")
    assert bakery.needs.filter(kind=Need.Kind.EXPERTISE).exists()
    assert grocery.needs.filter(kind=Need.Kind.MATERIALS).exists()
    volunteer = Offer.objects.get(project=bakery, status="accepted").member
    assert Offer.objects.filter(status="pending").count() == 2
    secret = Update.objects.get(project=bakery, visibility="volunteers")
    assert secret in visible_updates(volunteer, bakery)
    assert secret not in visible_updates(grocery.owner, bakery)
