"""The projects listing: open visible projects by default, filters by territory (regions
within it included), theme, need and status, pages of 20, in a constant number of queries."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects import actions
from projects.models import Need
from tests.forum.helpers import member

pytestmark = pytest.mark.django_db

INDEX = reverse("projects:index")


def listed(client, query: str = "") -> list[int]:
    page = client.get(INDEX + query).content.decode()
    return [int(pk) for pk in re.findall(r'data-project="(\d+)"', page)]


def propose(title: str, *, territory=None, themes=(), need: str = "", owner=None):
    owner = owner or member("es")
    project = actions.propose(
        owner=owner, title=title, description="Texto.", territory=territory, themes=themes
    )
    if need:
        actions.add_need(
            project,
            by=owner,
            kind=need,
            description="Ayuda.",
            places=2 if need == "volunteers" else None,
        )
    return project


def test_the_listing_shows_open_projects_newest_first(client, bolivia):
    older = propose("Antigua")
    newer = propose("Nueva")
    closed = propose("Cerrada")
    actions.close(closed, by=closed.owner)

    assert listed(client) == [newer.pk, older.pk]
    assert listed(client, "?status=closed") == [closed.pk]
    assert listed(client, "?status=all") == [closed.pk, newer.pk, older.pk]


def test_a_territory_filter_takes_the_regions_within_it(client, bolivia, canada, quebec):
    in_quebec = propose("Épicerie", territory=quebec)
    in_canada = propose("Co-op", territory=canada)
    propose("Panadería", territory=bolivia)

    assert set(listed(client, f"?territory={canada.pk}")) == {in_quebec.pk, in_canada.pk}
    assert listed(client, f"?territory={quebec.pk}") == [in_quebec.pk]


def test_theme_and_need_filters(client, training):
    tagged = propose("Formación", themes=[training], need=Need.Kind.EXPERTISE)
    volunteers = propose("Voluntarios", need=Need.Kind.VOLUNTEERS)

    assert listed(client, f"?theme={training.pk}") == [tagged.pk]
    assert listed(client, "?need=volunteers") == [volunteers.pk]
    assert listed(client, "?need=expertise") == [tagged.pk]


def test_the_listing_is_paginated(client):
    projects = [propose(f"P{n}") for n in range(23)]

    assert len(listed(client)) == 20
    assert listed(client, "?page=2") == [p.pk for p in reversed(projects[:3])]


def test_the_listing_takes_the_same_number_of_queries_for_3_or_15_projects(
    client, training, bolivia
):
    reader = member("fr")
    client.force_login(reader)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(INDEX).status_code == 200
        return len(queries)

    for n in range(3):
        propose(f"A{n}", territory=bolivia, themes=[training], need=Need.Kind.VOLUNTEERS)
    count()  # warm: caches (content types, session) filled by the first request
    few = count()
    for n in range(12):
        propose(f"B{n}", territory=bolivia, themes=[training], need=Need.Kind.VOLUNTEERS)

    assert count() == few


def test_the_detail_page_takes_the_same_number_of_queries_for_1_or_8_updates_and_offers(
    client, project, saturdays, owner
):
    client.force_login(owner)
    url = reverse("projects:detail", args=[project.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    actions.post_update(project, by=owner, text="Uno.")
    actions.offer(project, member=member("fr"), need=saturdays, message="Hola.")
    count()  # warm: caches (content types, session) filled by the first request
    few = count()
    for n in range(7):
        actions.post_update(project, by=owner, text=f"Noticia {n}.")
        actions.offer(project, member=member("fr"), need=saturdays, message=f"Hola {n}.")

    assert count() == few
