"""The course's harvest list for its organizers and key respondents: filters by theme,
region, week and language; each passage in the reader's language with its label, its
author's consent and its actions; what a harvester may not read stays out."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from courses.enrollment import enroll
from courses.models import Role
from proceedings.consent import choose_consent
from proceedings.harvest import harvest_passage
from proceedings.models import Passage
from taxonomy.models import Region
from tests.forum.participation_helpers import person, question_topic, reply
from tests.proceedings.harvest_world import harvest_world, list_url, private_post, second_week
from translations.models import TextTranslation

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(course, week, organizer):
    return harvest_world(course, week, organizer)


@pytest.fixture
def harvest(world):
    """Three passages: Spanish (capital, Bolivia), French (training, Quebec) in week 2, and a
    passage left out of the proceedings."""
    louis = person(world.course, "louis", language="fr")
    week_two = second_week(world.course, world.organizer)
    french = reply(question_topic(week_two), louis, "Nous finançons les coopératives.", "fr")
    return {
        "es": harvest_passage(
            post=world.post,
            by=world.organizer,
            text="fondos rotatorios",
            themes=[world.capital],
            regions=[world.bolivia],
        ),
        "fr": harvest_passage(
            post=french, by=world.respondent, themes=[world.training], regions=[world.quebec]
        ),
        "out": harvest_passage(post=world.post, by=world.organizer, text="necesitan crédito"),
        "week_two": week_two,
    }


def shown(response) -> list[Passage]:
    return [row.passage for row in response.context["harvest"].rows]


def test_the_list_shows_every_passage_with_counts(client, world, harvest):
    Passage.objects.filter(pk=harvest["out"].pk).update(included=False)
    client.force_login(world.organizer)  # reads English

    response = client.get(list_url(world.course))

    assert response.status_code == 200
    assert shown(response) == [harvest["es"], harvest["fr"], harvest["out"]]
    listing = response.context["harvest"]
    assert (listing.total, listing.included) == (3, 2)
    assert "3 passages shown (2 in the proceedings), of 3 harvested." in response.content.decode()


def test_the_list_filters_by_theme(client, world, harvest):
    client.force_login(world.organizer)

    response = client.get(list_url(world.course), {"theme": world.training.pk})

    assert shown(response) == [harvest["fr"]]


def test_a_region_filter_takes_in_the_regions_within_it(client, world, harvest):
    canada = Region.objects.create(slug="canada", name="Canada", language_written="en")
    Region.objects.filter(pk=world.quebec.pk).update(parent=canada)
    client.force_login(world.organizer)

    assert shown(client.get(list_url(world.course), {"region": canada.pk})) == [harvest["fr"]]
    assert shown(client.get(list_url(world.course), {"region": world.bolivia.pk})) == [
        harvest["es"]
    ]


def test_the_list_filters_by_week_and_language(client, world, harvest):
    client.force_login(world.organizer)

    by_week = client.get(list_url(world.course), {"week": harvest["week_two"].pk})
    by_language = client.get(list_url(world.course), {"language": "es"})

    assert shown(by_week) == [harvest["fr"]]
    assert shown(by_language) == [harvest["es"], harvest["out"]]


def test_unknown_filters_are_ignored(client, world, harvest):
    client.force_login(world.organizer)

    response = client.get(list_url(world.course), {"theme": "abc", "language": "de"})

    assert len(shown(response)) == 3


def test_a_passage_is_shown_in_the_readers_language_with_its_label(client, world, harvest):
    row = TextTranslation.objects.get(
        source__content_type=ContentType.objects.get_for_model(Passage),
        source__object_id=harvest["es"].pk,
        language="fr",
    )
    row.status = TextTranslation.Status.DONE
    row.text = "fonds renouvelables"
    row.source_language = "es"
    row.save()
    # Reads French only; an organizer of this course too.
    enroll(course=world.course, user=world.other_organizer, role=Role.ORGANIZER)
    client.force_login(world.other_organizer)

    html = client.get(list_url(world.course)).content.decode()

    assert "fonds renouvelables" in html
    assert "translation-label--machine" in html
    assert 'lang="es"' in html


def test_each_passage_shows_its_authors_consent(client, world, harvest):
    choose_consent(
        member=world.participant, course=world.course, choice="anonymous", region=world.bolivia
    )
    client.force_login(world.organizer)

    html = client.get(list_url(world.course)).content.decode()

    assert 'data-consent="anonymous"' in html
    assert "May be quoted anonymously, as from Bolivia" in html
    assert 'data-consent="unchosen"' in html  # Louis has not chosen


def test_a_key_respondent_manages_only_their_own_passages(client, world, harvest):
    client.force_login(world.respondent)

    rows = {
        row.passage.pk: row.may_manage
        for row in client.get(list_url(world.course)).context["harvest"].rows
    }

    assert rows == {harvest["es"].pk: False, harvest["fr"].pk: True, harvest["out"].pk: False}
    edit = f"/proceedings/passages/{harvest['es'].pk}/edit/"
    assert client.get(edit).status_code == 403
    assert client.post(f"/proceedings/passages/{harvest['es'].pk}/remove/").status_code == 403


def test_an_organizer_leaves_a_passage_out_and_back_in(client, world, harvest):
    client.force_login(world.organizer)
    url = f"/proceedings/passages/{harvest['es'].pk}/include/"
    back = f"{list_url(world.course)}?theme={world.capital.pk}"

    response = client.post(url, {"included": "0", "next": back})
    harvest["es"].refresh_from_db()
    assert response["Location"] == back
    assert not harvest["es"].included

    client.post(url, {"included": "1", "next": "https://elsewhere.example/"})
    harvest["es"].refresh_from_db()
    assert harvest["es"].included


def test_an_organizer_edits_and_removes_a_passage(client, world, harvest):
    client.force_login(world.organizer)

    client.post(
        f"/proceedings/passages/{harvest['es'].pk}/edit/",
        {"text": "los fondos rotatorios", "themes": [world.training.pk], "note": "Otra nota"},
    )
    harvest["es"].refresh_from_db()
    assert harvest["es"].text == "los fondos rotatorios"
    assert list(harvest["es"].themes.all()) == [world.training]

    client.post(f"/proceedings/passages/{harvest['es'].pk}/remove/")
    assert not Passage.objects.filter(pk=harvest["es"].pk).exists()


def test_a_passage_of_a_post_the_reader_may_not_read_is_not_listed(client, world, harvest):
    private = harvest_passage(post=private_post(world), by=world.organizer)

    client.force_login(world.respondent)
    assert private not in shown(client.get(list_url(world.course)))
    client.force_login(world.organizer)
    assert private in shown(client.get(list_url(world.course)))


def test_a_passage_no_longer_in_its_edited_post_is_flagged(client, world, harvest):
    world.post.content = "Todo cambió."
    world.post.save()
    client.force_login(world.organizer)

    html = client.get(list_url(world.course)).content.decode()

    assert html.count("data-passage-gone") == 2


def test_each_passage_names_its_author_and_links_to_its_post(client, world, harvest):
    from django.utils.html import escape

    from forum.discussion import post_url
    from members.templatetags.member_names import member_name

    client.force_login(world.organizer)

    response = client.get(list_url(world.course))

    html = response.content.decode()
    for key in ("es", "fr"):
        post = harvest[key].post
        article = html.split(f'id="passage-{harvest[key].pk}"', 1)[1].split("</article>", 1)[0]
        assert f'href="{escape(post_url(post.topic.forum, post))}"' in article
        assert f"By {escape(member_name(post.poster))}" in article
