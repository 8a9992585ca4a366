"""An answer to a "post before you see the others" question stays hidden everywhere the topic
page hides it: a member's profile and list of posts, the reply page's review of the topic,
"this week"'s new posts, the topic lists (unread, subscribed)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.models import Role
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


# Every other path that shows a post: the reply form's quote and preview, the edit form, the
# week page, the feeds (all topics, a forum's, a category's with its descendants), search and
# the participation pages. Louis has not answered: no path shows him Ana's answer; organizers
# and key respondents see it everywhere.

SUBJECT = "Lo que de verdad funciona"


def gated_week(topic):
    from forum.models import QuestionTopic

    return QuestionTopic.objects.get(topic=topic).week


def reply_url(topic, **query) -> str:
    url = reverse(
        "forum_conversation:post_create",
        args=[topic.forum.slug, topic.forum.pk, topic.slug, topic.pk],
    )
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def forum_feed_urls(topic) -> list[str]:
    forum, category = topic.forum, topic.forum.parent
    return [
        "/forum/feeds/topics/",
        f"/forum/feeds/forum/{forum.slug}-{forum.pk}/topics/",
        f"/forum/feeds/forum/{category.slug}-{category.pk}/topics/all/",
    ]


def path_responses(client, topic, ana) -> dict[str, str]:
    """Each path that can show Ana's answer, as the logged-in reader gets it."""
    answer = topic.posts.get(poster=ana)
    pages = {
        "reply form": client.get(reply_url(topic)),
        "quote": client.get(reply_url(topic, quote=answer.pk)),
        "preview": client.post(
            reply_url(topic),
            {
                "subject": "Re: What works?",
                "content": "Mi borrador.",
                "language": "es",
                "preview": "Preview",
            },
        ),
        "edit form": client.get(
            reverse(
                "forum_conversation:post_update",
                args=[topic.forum.slug, topic.forum.pk, topic.slug, topic.pk, answer.pk],
            )
        ),
        "week page": client.get(gated_week(topic).url),
        "this week": client.get(reverse("courses:this_week")),
        "search": client.get("/forum/search/", {"q": "independiente"}),
        "unread": client.get(reverse("forum_tracking:unread_topics")),
        "subscriptions": client.get(reverse("forum_member:user_subscriptions")),
        "my progress": client.get(reverse("my_progress")),
        "my questions": client.get(reverse("my_questions")),
        "member's posts": client.get(posts_url(ana)),
        "member's profile": client.get(profile_url(ana)),
    }
    for url in forum_feed_urls(topic):
        pages[url] = client.get(url)
    return {name: response.content.decode() for name, response in pages.items()}


@pytest.fixture
def titled(gated):
    topic, ana = gated
    topic.posts.filter(poster=ana).update(subject=SUBJECT)
    topic.subscribers.add(ana)
    return topic, ana


def test_no_path_shows_louis_an_answer_before_he_has_answered(client, course, titled):
    topic, ana = titled
    louis = person(course, "louis")
    topic.subscribers.add(louis)
    client.force_login(louis)

    leaks = [
        name
        for name, html in path_responses(client, topic, ana).items()
        if SECRET in html or SUBJECT in html
    ]

    assert leaks == []


def test_the_reply_form_quote_and_preview_still_show_louis_the_question(client, course, titled):
    topic, _ana = titled
    client.force_login(person(course, "louis"))

    for url in (reply_url(topic), reply_url(topic, quote=topic.first_post_id)):
        assert "What works?" in client.get(url).content.decode(), url


@pytest.mark.parametrize("role", [Role.ORGANIZER, Role.KEY_RESPONDENT])
def test_organizers_and_key_respondents_find_the_answer_on_every_path(client, course, titled, role):
    topic, ana = titled
    client.force_login(person(course, f"someone-{role}", role))

    pages = path_responses(client, topic, ana)

    for name in (
        "reply form",
        "week page",
        "this week",
        "search",
        "member's posts",
        *forum_feed_urls(topic),
    ):
        assert SECRET in pages[name] or SUBJECT in pages[name], name


def test_after_answering_louis_finds_the_answer_on_every_path(client, course, titled):
    topic, ana = titled
    louis = person(course, "louis")
    reply(topic, louis, "Ma réponse.")
    client.force_login(louis)

    pages = path_responses(client, topic, ana)

    for name in ("reply form", "week page", "this week", "search", "member's posts"):
        assert SECRET in pages[name] or SUBJECT in pages[name], name
    for url in forum_feed_urls(topic):
        # A feed shows each topic's last post: Louis's answer now, no longer the question.
        assert "Ma réponse." in pages[url], url
