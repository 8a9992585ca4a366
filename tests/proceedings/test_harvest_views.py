"""The harvest through real HTTP: the "Harvest" control and the "harvested" mark on the topic
page (harvesters only), the form opened with the whole post or a selection, and refusals."""

from __future__ import annotations

import pytest

from courses.models import Role
from proceedings.harvest import harvest_passage
from proceedings.models import Passage
from tests.forum.participation_helpers import person
from tests.forum.test_quote import topic_url
from tests.proceedings.harvest_world import harvest_url, harvest_world, list_url, private_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(course, week, organizer):
    return harvest_world(course, week, organizer)


@pytest.mark.parametrize("who", ["organizer", "respondent"])
def test_harvesters_get_a_harvest_link_on_each_post(client, world, who):
    client.force_login(getattr(world, who))

    html = client.get(topic_url(world.post.topic)).content.decode()

    assert f'href="{harvest_url(world.post)}"' in html
    assert "data-harvest-post" in html
    assert "js/harvest.js" in html


@pytest.mark.parametrize("who", ["participant", "translator", "other_organizer"])
def test_other_members_get_no_harvest_link(client, world, who):
    client.force_login(getattr(world, who))

    response = client.get(topic_url(world.post.topic))

    # Another course's organizer may not even read the topic (403): no link either way.
    assert response.status_code == (403 if who == "other_organizer" else 200)
    assert "data-harvest-post" not in response.content.decode()


def test_the_harvested_mark_is_shown_to_harvesters_only(client, world):
    harvest_passage(post=world.post, by=world.organizer, text="fondos rotatorios")

    client.force_login(world.respondent)
    assert "data-harvested" in client.get(topic_url(world.post.topic)).content.decode()
    client.force_login(world.participant)
    assert "data-harvested" not in client.get(topic_url(world.post.topic)).content.decode()
    client.logout()


def test_the_form_opens_with_the_whole_post_as_written(client, world):
    client.force_login(world.organizer)

    response = client.get(harvest_url(world.post))

    assert response.status_code == 200
    assert response.context["form"].initial["text"] == world.post.content.raw
    assert 'lang="es"' in response.content.decode()


def test_the_form_opens_with_the_selection(client, world):
    client.force_login(world.respondent)

    response = client.get(harvest_url(world.post), {"text": "fondos rotatorios"})

    assert response.context["form"].initial["text"] == "fondos rotatorios"


def test_the_form_offers_the_courses_vocabulary_in_the_readers_language(client, world):
    world.course.themes.set([world.capital])
    world.course.save()
    client.force_login(world.organizer)

    form = client.get(harvest_url(world.post)).context["form"]

    assert list(form.fields["themes"].queryset) == [world.capital]
    assert set(form.fields["regions"].queryset) == {world.bolivia, world.quebec}


def test_posting_the_form_harvests_the_passage_and_goes_back_to_the_post(client, world):
    client.force_login(world.respondent)

    response = client.post(
        harvest_url(world.post),
        {
            "text": "los fondos rotatorios sostienen a las socias",
            "themes": [world.capital.pk],
            "regions": [world.bolivia.pk],
            "note": "",
        },
    )

    passage = Passage.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"?post={world.post.pk}#{world.post.pk}")
    assert passage.harvested_by == world.respondent
    assert list(passage.regions.all()) == [world.bolivia]


def test_a_passage_not_in_the_post_is_refused_with_its_reason(client, world):
    client.force_login(world.organizer)

    response = client.post(harvest_url(world.post), {"text": "Texto inventado."})

    assert response.status_code == 400
    assert "This passage is not in the post" in response.content.decode()
    assert not Passage.objects.exists()


@pytest.mark.parametrize("who", ["participant", "translator", "other_organizer"])
def test_the_form_is_refused_to_other_members(client, world, who):
    client.force_login(getattr(world, who))

    assert client.get(harvest_url(world.post)).status_code == 403
    assert client.post(harvest_url(world.post), {"text": ""}).status_code == 403
    assert client.get(list_url(world.course)).status_code == 403
    assert not Passage.objects.exists()


def test_a_visitor_is_sent_to_sign_in(client, world):
    response = client.get(harvest_url(world.post))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_private_community_post_is_a_404_for_a_harvester_outside_it(client, world):
    post = private_post(world)
    client.force_login(world.respondent)

    assert client.get(harvest_url(post)).status_code == 404
    client.force_login(world.organizer)
    assert client.get(harvest_url(post)).status_code == 200


def test_a_key_respondent_of_another_course_may_not_harvest(client, world, home_page):
    from tests.factories import CoursePageFactory

    other = CoursePageFactory(parent=home_page)
    stranger = person(other, "extranjero", Role.KEY_RESPONDENT)
    client.force_login(stranger)

    assert client.get(harvest_url(world.post)).status_code == 403
