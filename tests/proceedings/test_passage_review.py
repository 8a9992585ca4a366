"""Translators correct a harvested passage's translation in the forum's review queue and
text editor, like a page's texts: listed with its course (and its week), to that course's
translators only, never to whoever may not read the post it comes from."""

from __future__ import annotations

import pytest
from django.utils import timezone

from courses.models import Role
from proceedings.harvest import harvest_passage
from tests.forum.network_review import JSON, edit_url, listed, queue_url, refused_everywhere, save
from tests.forum.network_review import text_row as row_of
from tests.forum.participation_helpers import person, week_forum
from tests.proceedings.harvest_world import harvest_world, private_post, second_week
from translations.models import TextTranslation

pytestmark = pytest.mark.django_db

Status = TextTranslation.Status


@pytest.fixture
def world(course, week, organizer):
    return harvest_world(course, week, organizer)


def machine_translated(passage, text: str = "revolving funds") -> TextTranslation:
    """The worker's English translation of the passage."""
    row = row_of(passage, "text", "en")
    row.status, row.text, row.source_language = Status.DONE, text, "es"
    row.translated_at = timezone.now()
    row.save()
    return row


@pytest.fixture
def passage(world):
    return harvest_passage(post=world.post, by=world.organizer, text="fondos rotatorios")


def test_the_course_translator_finds_the_passage_in_the_queue_under_its_course_and_week(
    client, world, passage, compiled_catalogs
):
    row = machine_translated(passage)
    client.force_login(world.translator)

    everything = client.get(queue_url()).text
    this_week = client.get(queue_url(), {"week": week_forum(world.week).pk}).text
    pages = client.get(queue_url(), {"kind": "pages", "course": world.course.pk}).text
    other_week = client.get(
        queue_url(), {"week": week_forum(second_week(world.course, world.organizer)).pk}
    ).text
    network = client.get(queue_url(), {"kind": "network"}).text

    assert listed(everything, row)
    assert listed(this_week, row)
    assert listed(pages, row)
    assert "pasaje cosechado" in everything  # what it is, in the translator's Spanish
    assert not listed(other_week, row)
    assert not listed(network, row)


def test_the_translator_corrects_it_and_the_correction_is_kept(client, world, passage):
    row = machine_translated(passage)
    client.force_login(world.translator)

    page = client.get(edit_url(row))
    answer = save(client, row, "rotating savings funds", **JSON)

    assert page.status_code == 200
    # The original beside the machine's text, rendered as the proceedings show it.
    assert "<p>fondos rotatorios</p>" in page.text
    assert "&lt;p&gt;" not in page.text
    assert answer.status_code == 200, answer.content
    row.refresh_from_db()
    assert row.text == "rotating savings funds"
    assert row.reviewed_at is not None
    assert row.reviewed_by == world.translator


def test_a_translator_of_another_course_neither_finds_nor_edits_it(client, world, passage):
    row = machine_translated(passage)
    stranger = person(world.other_organizer.enrollments.first().course, "tr", Role.TRANSLATOR)
    client.force_login(stranger)

    assert not listed(client.get(queue_url()).text, row)
    # The post is in a course they are not in: as if there were no such text.
    assert refused_everywhere(client, row, 404) == []
    row.refresh_from_db()
    assert row.text == "revolving funds"


def test_a_passage_of_a_private_community_stays_with_its_members(client, world):
    passage = harvest_passage(post=private_post(world), by=world.organizer)
    row = machine_translated(passage, "Only for the rural community.")
    client.force_login(world.translator)  # a translator of the course, not a member

    assert not listed(client.get(queue_url()).text, row)
    assert refused_everywhere(client, row, 404) == []


def test_a_participant_who_reads_the_post_may_not_edit_its_translation(client, world, passage):
    row = machine_translated(passage)
    client.force_login(world.participant)

    assert refused_everywhere(client, row, 403) == []


def test_the_proceedings_quote_the_translators_correction_labelled_as_reviewed(
    client, world, passage
):
    from proceedings.compile import quoted_passages
    from proceedings.consent import choose_consent

    choose_consent(member=world.participant, course=world.course, choice="name")
    row = machine_translated(passage)
    client.force_login(world.translator)
    assert save(client, row, "rotating savings funds", **JSON).status_code == 200

    [quote] = quoted_passages(world.course, language="en")

    assert "rotating savings funds" in quote.text
    assert quote.is_reviewed
    assert "fondos rotatorios" in quote.original_html
