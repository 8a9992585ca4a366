"""'Post before you see the others': answers stay hidden until the reader has answered."""

from __future__ import annotations

import pytest

from courses.models import Role
from tests.factories import WeekPageFactory
from tests.forum.helpers import topic_url
from tests.forum.participation_helpers import person, publish, question_topic, reply

pytestmark = pytest.mark.django_db

SECRET = "Mi respuesta independiente sobre las cooperativas."


@pytest.fixture
def gated(course, organizer):
    week = WeekPageFactory(
        parent=course,
        questions=[("question", {"text": "What works?", "post_before_seeing_others": True})],
    )
    publish(week, organizer)
    topic = question_topic(week)
    reply(topic, person(course, "ana"), SECRET)
    return week, topic


def test_a_participant_who_has_not_answered_sees_only_the_question(client, course, gated):
    _week, topic = gated
    client.force_login(person(course, "louis"))

    html = client.get(topic_url(topic)).content.decode()

    assert "What works?" in html
    assert SECRET not in html
    assert "Post your own answer to see the other answer." in html


@pytest.mark.parametrize("query", ["post", "page"])
def test_a_link_to_a_hidden_answer_shows_the_question_not_a_404(client, course, gated, query):
    from machina.conf import settings as machina_settings

    _week, topic = gated
    for number in range(machina_settings.TOPIC_POSTS_NUMBER_PER_PAGE):
        reply(topic, person(course, f"p{number}"), f"Otra respuesta {number}.")
    last = topic.posts.order_by("-created").first()
    client.force_login(person(course, "louis"))

    target = f"post={last.pk}" if query == "post" else "page=2"
    response = client.get(f"{topic_url(topic)}?{target}")

    assert response.status_code == 200
    html = response.content.decode()
    assert "What works?" in html
    assert SECRET not in html
    assert "Otra respuesta" not in html


def test_after_answering_a_link_to_an_answer_on_a_later_page_finds_it(client, course, gated):
    from machina.conf import settings as machina_settings

    _week, topic = gated
    for number in range(machina_settings.TOPIC_POSTS_NUMBER_PER_PAGE):
        reply(topic, person(course, f"p{number}"), f"Otra respuesta {number}.")
    louis = person(course, "louis")
    mine = reply(topic, louis, "Ma réponse, sur la deuxième page.")
    client.force_login(louis)

    html = client.get(f"{topic_url(topic)}?post={mine.pk}").content.decode()

    assert "Ma réponse, sur la deuxième page." in html


def test_after_answering_the_participant_sees_the_others(client, course, gated):
    _week, topic = gated
    louis = person(course, "louis")
    reply(topic, louis, "Ma réponse.")
    client.force_login(louis)

    assert SECRET in client.get(topic_url(topic)).content.decode()


@pytest.mark.parametrize("role", [Role.ORGANIZER, Role.KEY_RESPONDENT, Role.TRANSLATOR])
def test_organizers_key_respondents_and_translators_see_everything(client, course, gated, role):
    _week, topic = gated
    client.force_login(person(course, f"someone-{role}", role))

    assert SECRET in client.get(topic_url(topic)).content.decode()


def test_a_question_without_the_setting_shows_every_answer(client, course, week, organizer):
    publish(week, organizer)
    topic = question_topic(week)
    reply(topic, person(course, "ana"), SECRET)
    client.force_login(person(course, "louis"))

    assert SECRET in client.get(topic_url(topic)).content.decode()


def test_the_weeks_latest_activity_hides_the_answers_until_the_reader_answers(course, gated):
    from forum.discussion import week_discussion

    week, topic = gated
    louis = person(course, "louis")
    answer = topic.posts.get(content=SECRET)

    before = week_discussion(week, louis).latest_posts
    reply(topic, louis, "Ma réponse.")
    after = week_discussion(week, louis).latest_posts

    assert answer not in before
    assert answer in after


def test_the_topic_feed_does_not_show_the_hidden_answers(client, course, gated):
    _week, topic = gated
    client.force_login(person(course, "louis"))

    feed = client.get("/forum/feeds/topics/").content.decode()

    assert "What works?" in feed
    assert SECRET not in feed


def test_search_keeps_hidden_answers_out_until_the_reader_has_answered(client, course, gated):
    _week, topic = gated
    louis = person(course, "louis")
    client.force_login(louis)

    def found() -> str:  # the words found are marked: <mark>independiente</mark>
        html = client.get("/forum/search/", {"q": "independiente"}).content.decode()
        return html.replace("<mark>", "").replace("</mark>", "")

    before = found()
    reply(topic, louis, "Ma réponse.")
    after = found()

    assert SECRET not in before
    assert SECRET in after
