"""Translators review and correct the machine translations of a community's name and purpose
in the review queue and the text editor; only those of the approved communities that are
open, or private with the translator among their members."""

from __future__ import annotations

import pytest
from django.urls import reverse

from communities import actions
from communities.texts import reviewable_communities
from courses.enrollment import enroll
from courses.models import Role
from tests.communities.conftest import Access, World, approved
from tests.forum.helpers import member
from tests.forum.network_review import (
    JSON,
    course_translator,
    edit_url,
    english_reading_translator,
    listed,
    queue_url,
    refused_everywhere,
    save,
    text_row,
)
from translations.texts import translate_due_texts

pytestmark = pytest.mark.django_db

PURPOSE = "Las cooperativas de ahorro comparten sus experiencias de crédito solidario."


@pytest.fixture
def translator(course):
    return course_translator(course)


def test_a_translator_corrects_a_communitys_purpose_and_readers_see_it_reviewed(
    client, moderator, translator
):
    community = approved(
        member("es"), moderator, name="Ahorro solidario", purpose=PURPOSE, access=Access.OPEN
    )
    translate_due_texts()
    row = text_row(community, "description")
    client.force_login(translator)
    save(client, text_row(community, "name"), "Solidarity savings")

    queue = client.get(queue_url()).content.decode()
    opened = client.get(edit_url(row), **JSON).json()
    answer = save(client, row, "Savings cooperatives share their solidarity credit.", **JSON)

    assert listed(queue, row)
    assert "Community purpose" in queue
    assert f'href="{reverse("communities:detail", args=[community.slug])}"' in queue
    assert opened["field"] == "Community purpose"
    assert answer.status_code == 200
    assert answer.json()["state"] == "reviewed"
    client.force_login(member("en"))
    page = client.get(reverse("communities:detail", args=[community.slug])).content.decode()
    assert "Savings cooperatives share their solidarity credit." in page
    assert "reviewed by a translator" in page


def test_a_private_communitys_texts_are_hidden_from_a_translator_who_is_not_in_it(
    client, world: World, translator
):
    translate_due_texts()
    private = text_row(world.private_community, "description")
    client.force_login(translator)

    queue = client.get(queue_url()).content.decode()

    assert listed(queue, text_row(world.open_community, "description"))
    assert not listed(queue, private)
    assert refused_everywhere(client, private, 404) == []
    private.refresh_from_db()
    assert not private.is_reviewed


def test_a_translator_who_is_a_member_of_the_private_community_reviews_its_texts(
    client, world: World, course
):
    translate_due_texts()
    translator = world.private_member
    enroll(course=course, user=translator, role=Role.TRANSLATOR)
    row = text_row(world.private_community, "description")
    client.force_login(translator)

    assert listed(client.get(queue_url()).content.decode(), row)
    assert save(client, row, "Solidarity finance").status_code == 302
    row.refresh_from_db()
    assert row.is_reviewed


def test_a_proposed_community_is_not_reviewed_before_its_approval(client, translator):
    proposed = actions.propose_community(
        proposer=member("es"), name="Ahorro solidario", purpose=PURPOSE, access=Access.OPEN
    )
    translate_due_texts()
    row = text_row(proposed, "description")
    client.force_login(translator)

    assert not listed(client.get(queue_url()).content.decode(), row)
    assert refused_everywhere(client, row, 404) == []


def test_the_reviewable_communities_are_the_approved_open_ones_and_the_translators_own(
    world: World,
):
    assert set(reviewable_communities(world.outsider)) == {world.open_community}
    assert set(reviewable_communities(world.private_member)) == {
        world.open_community,
        world.private_community,
    }
    assert set(reviewable_communities(world.moderator)) >= {
        world.open_community,
        world.private_community,
    }


def test_a_member_who_translates_no_course_is_refused(client, world: World):
    translate_due_texts()
    row = text_row(world.open_community, "description")
    client.force_login(world.open_member)

    assert client.get(queue_url()).status_code == 403
    assert refused_everywhere(client, row, 403) == []


def test_the_community_page_offers_translators_an_edit_control_beside_its_texts(
    client, moderator, course
):
    translator = english_reading_translator(course)  # Spanish texts reach them translated
    community = approved(
        member("es"), moderator, name="Ahorro solidario", purpose=PURPOSE, access=Access.OPEN
    )
    translate_due_texts()
    row = text_row(community, "description")
    url = reverse("communities:detail", args=[community.slug])

    client.force_login(translator)
    page = client.get(url).content.decode()
    client.force_login(member("en"))
    readers_page = client.get(url).content.decode()

    assert f'data-text-edit="{row.pk}"' in page
    assert 'id="text-translation-editor"' in page
    assert "data-text-edit=" not in readers_page
