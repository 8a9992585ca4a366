"""Members choose, per course, how its proceedings may quote them: by name, anonymously with
a region, or not at all (no choice: not at all). The page in each member's language, and
the prompt on the course page and "My progress" while they have not chosen."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.models import Role
from proceedings.consent import choose_consent, consent_of
from proceedings.models import QuoteConsent
from tests.forum.participation_helpers import person
from tests.proceedings.harvest_world import consent_url, harvest_world

pytestmark = pytest.mark.django_db

Choice = QuoteConsent.Choice


@pytest.fixture
def world(course, week, organizer):
    return harvest_world(course, week, organizer)


def test_no_row_means_not_chosen(world):
    assert consent_of(world.participant, world.course) is None


def test_a_member_chooses_to_be_quoted_anonymously_as_from_a_region(client, world):
    client.force_login(world.participant)

    response = client.post(
        consent_url(world.course), {"choice": "anonymous", "region": world.bolivia.pk}
    )

    assert response.status_code == 302
    consent = consent_of(world.participant, world.course)
    assert (consent.choice, consent.region) == (Choice.ANONYMOUS, world.bolivia)


def test_a_region_only_describes_an_anonymous_quote(world):
    consent = choose_consent(
        member=world.participant, course=world.course, choice="name", region=world.bolivia
    )

    assert consent.region is None


def test_the_choice_is_per_course(client, world, home_page):
    from courses.enrollment import enroll
    from tests.factories import CoursePageFactory

    other = CoursePageFactory(parent=home_page)
    enroll(course=other, user=world.participant, role=Role.PARTICIPANT)
    client.force_login(world.participant)

    client.post(consent_url(world.course), {"choice": "name"})
    client.post(consent_url(other), {"choice": "none"})

    assert consent_of(world.participant, world.course).choice == Choice.NAME
    assert consent_of(world.participant, other).choice == Choice.NONE


def test_changing_ones_mind_keeps_one_row(client, world):
    client.force_login(world.participant)

    client.post(consent_url(world.course), {"choice": "name"})
    client.post(consent_url(world.course), {"choice": "none"})

    assert QuoteConsent.objects.get().choice == Choice.NONE


def test_the_form_offers_the_courses_regions(client, world):
    world.course.regions.set([world.quebec])
    world.course.save()
    client.force_login(world.participant)

    form = client.get(consent_url(world.course)).context["form"]

    assert list(form.fields["region"].queryset) == [world.quebec]


def test_someone_not_enrolled_has_no_choice_to_make(client, world):
    client.force_login(world.other_organizer)

    response = client.get(consent_url(world.course))

    assert response.status_code == 404
    assert client.post(consent_url(world.course), {"choice": "name"}).status_code == 404
    assert not QuoteConsent.objects.exists()


def test_a_visitor_is_sent_to_sign_in(client, world):
    assert client.get(consent_url(world.course)).status_code == 302


@pytest.mark.parametrize(
    ("language", "title", "choice"),
    [
        ("es", "Citas en las actas de", "Con mi nombre"),
        ("fr", "Citations dans les actes de", "Par mon nom"),
        ("en", "Quotes in the proceedings of", "By my name"),
    ],
)
def test_the_consent_page_is_in_the_members_language(
    client, world, compiled_catalogs, language, title, choice
):
    client.force_login(person(world.course, f"member-{language}", language=language))

    html = client.get(consent_url(world.course)).content.decode()

    assert f'<html lang="{language}"' in html
    assert title in html
    assert choice in html


def test_my_progress_prompts_until_the_member_chooses(client, world):
    client.force_login(world.participant)
    progress = reverse("my_progress")

    assert "data-consent-prompt" in client.get(progress).content.decode()
    choose_consent(member=world.participant, course=world.course, choice="name")
    html = client.get(progress).content.decode()
    assert "data-consent-prompt" not in html
    assert 'data-consent="name"' in html
    assert consent_url(world.course) in html


def test_the_course_page_links_members_to_their_choice(client, world):
    client.force_login(world.participant)

    html = client.get(world.course.url).content.decode()

    assert consent_url(world.course) in html
    assert "data-consent-prompt" in html


def test_the_course_page_offers_no_choice_to_visitors(client, world):
    html = client.get(world.course.url).content.decode()

    assert consent_url(world.course) not in html


def test_harvesters_find_the_harvest_from_the_course_page(client, world):
    harvest = reverse("proceedings:harvest", args=[world.course.pk])

    client.force_login(world.respondent)
    assert harvest in client.get(world.course.url).content.decode()
    client.force_login(world.participant)
    assert harvest not in client.get(world.course.url).content.decode()
