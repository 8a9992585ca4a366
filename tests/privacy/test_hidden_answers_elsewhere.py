"""An answer to a "post before you see the others" question stays hidden everywhere the topic
page hides it: a member's profile and list of posts, the reply page's review of the topic,
"this week"'s new posts, the topic lists (unread, subscribed)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import WeekPageFactory
from tests.forum.participation_helpers import person, publish, question_topic, reply

pytestmark = pytest.mark.django_db

SECRET = "Mi respuesta independiente sobre las cooperativas."


@pytest.fixture
def gated(course, organizer):
    """A question that asks to post first, answered by Ana; Louis has not answered yet."""
    week = WeekPageFactory(
        parent=course,
        questions=[("question", {"text": "What works?", "post_before_seeing_others": True})],
    )
    publish(week, organizer)
    topic = question_topic(week)
    ana = person(course, "ana")
    reply(topic, ana, SECRET)
    return topic, ana


def posts_url(user) -> str:
    return reverse("forum_member:user_posts", args=[user.pk])


def profile_url(user) -> str:
    return reverse("forum_member:profile", args=[user.pk])


def test_a_members_list_of_posts_hides_an_answer_the_reader_may_not_see_yet(client, course, gated):
    _topic, ana = gated
    client.force_login(person(course, "louis"))

    response = client.get(posts_url(ana))

    assert response.status_code == 200
    assert SECRET not in response.content.decode()


def test_after_answering_the_reader_finds_the_answer_in_the_members_list_of_posts(
    client, course, gated
):
    topic, ana = gated
    louis = person(course, "louis")
    reply(topic, louis, "Ma réponse.")
    client.force_login(louis)

    assert SECRET in client.get(posts_url(ana)).content.decode()


def test_a_members_profile_hides_an_answer_the_reader_may_not_see_yet(client, course, gated):
    _topic, ana = gated
    client.force_login(person(course, "louis"))

    response = client.get(profile_url(ana))

    assert response.status_code == 200
    assert SECRET not in response.content.decode()


def test_a_members_list_of_posts_leaves_out_a_post_awaiting_approval(
    client, course, week, organizer
):
    publish(week, organizer)
    ana = person(course, "ana")
    reply(question_topic(week), ana, "Visible para todos.")
    waiting = reply(question_topic(week), ana, "Todavía sin aprobar.")
    waiting.approved = False
    waiting.save()
    client.force_login(person(course, "louis"))

    html = client.get(posts_url(ana)).content.decode()

    assert "Visible para todos." in html
    assert "Todavía sin aprobar." not in html


def test_the_unread_and_subscribed_topic_lists_show_no_hidden_answer(client, course, gated):
    topic, _ana = gated
    louis = person(course, "louis")
    topic.subscribers.add(louis)
    client.force_login(louis)

    for url in (
        reverse("forum_tracking:unread_topics"),
        reverse("forum_member:user_subscriptions"),
    ):
        html = client.get(url).content.decode()
        assert topic.subject in html, url
        assert SECRET not in html, url


def test_the_reply_page_reviews_the_question_but_no_hidden_answer(client, course, gated):
    topic, _ana = gated
    client.force_login(person(course, "louis"))
    url = reverse(
        "forum_conversation:post_create",
        args=[topic.forum.slug, topic.forum.pk, topic.slug, topic.pk],
    )

    html = client.get(url).content.decode()

    assert "What works?" in html
    assert SECRET not in html


def test_this_weeks_new_posts_leave_out_a_hidden_answer_until_the_reader_answers(
    client, course, gated
):
    topic, ana = gated
    topic.posts.filter(poster=ana).update(subject="Lo que de verdad funciona")
    louis = person(course, "louis")
    client.force_login(louis)

    before = client.get(reverse("courses:this_week")).content.decode()
    reply(topic, louis, "Ma réponse.")
    after = client.get(reverse("courses:this_week")).content.decode()

    assert "Lo que de verdad funciona" not in before
    assert "Lo que de verdad funciona" in after
