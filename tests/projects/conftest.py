"""People around a project: its owner (writes in Spanish), members who offer help (French,
English), a moderator, and a project looking for three volunteers on Saturdays."""

from __future__ import annotations

import pytest

from members.moderators import site_moderators_group
from projects import actions
from projects.models import Need
from taxonomy.models import Region, Theme
from tests.forum.helpers import member


@pytest.fixture(autouse=True)
def catalogs(compiled_catalogs):
    """The pages are read in each member's language: the es and fr catalogs compiled."""


@pytest.fixture
def owner():
    return member("es")


@pytest.fixture
def louis():
    return member("fr")


@pytest.fixture
def sarah():
    return member("en")


@pytest.fixture
def moderator():
    user = member("en")
    user.groups.add(site_moderators_group())
    return type(user).objects.get(pk=user.pk)  # permissions cache cleared


@pytest.fixture
def bolivia():
    return Region.objects.create(slug="bolivia", name="Bolivia", language_written="en")


@pytest.fixture
def canada():
    return Region.objects.create(slug="canada", name="Canada", language_written="en")


@pytest.fixture
def quebec(canada):
    return Region.objects.create(slug="quebec", name="Quebec", language_written="en", parent=canada)


@pytest.fixture
def training():
    return Theme.objects.create(slug="training", name="Training and support", language_written="en")


@pytest.fixture
def project(owner, bolivia, training):
    return actions.propose(
        owner=owner,
        title="Panadería comunitaria",
        description="Una panadería **cooperativa** para el barrio.",
        territory=bolivia,
        themes=[training],
    )


@pytest.fixture
def saturdays(project, owner):
    return actions.add_need(
        project,
        by=owner,
        kind=Need.Kind.VOLUNTEERS,
        description="Hornear pan los sábados.",
        places=3,
        schedule="Sábados de 6 a 11",
    )


@pytest.fixture
def accounting(project, owner):
    return actions.add_need(
        project,
        by=owner,
        kind=Need.Kind.EXPERTISE,
        description="Contabilidad de la cooperativa.",
        paid=True,
    )
