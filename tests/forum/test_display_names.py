"""The name a member gave at sign-up is the one every page shows: never their login, nor
the first and last names an account may also hold."""

from __future__ import annotations

import pytest
from django.urls import reverse
from machina.test.factories import create_topic

from courses.models import Role
from members.profiles import get_profile
from tests.forum.helpers import topic_url
from tests.forum.participation_helpers import person, publish, question_topic, reply, week_forum

pytestmark = pytest.mark.django_db

DISPLAY_NAME = "Ana Dos Santos"
LOGIN = "ana_login_7q"
FIRST, LAST = "Anita", "Loginova"


@pytest.fixture
def ana(course):
    user = person(course, LOGIN)
    user.first_name, user.last_name = FIRST, LAST
    user.save()
    profile = get_profile(user)
    profile.display_name = DISPLAY_NAME
    profile.save()
    return user


@pytest.fixture
def discussion(course, week, organizer, ana):
    """Ana's post in the course's open week; a reader who is not Ana looks at the pages."""
    week = publish(week, organizer)
    topic = question_topic(week)
    reply(topic, ana, "Las cooperativas de vivienda en Bahía.", language="es")
    own = create_topic(forum=week_forum(week), poster=ana, subject="Crédito")
    reply(own, ana, "El crédito cooperativo.", language="es")  # her topic, in the feed
    return week, topic


def pages(week, topic, ana) -> dict[str, str]:
    forum = week_forum(week)
    return {
        "forum index": reverse("forum:index"),
        "week forum": reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk}),
        "topic": topic_url(topic),
        "member profile": reverse("forum_member:profile", args=[ana.pk]),
        "member posts": reverse("forum_member:user_posts", args=[ana.pk]),
        "this week": reverse("courses:this_week"),
        "week page": week.url,
        "search": reverse("forum_search:search") + "?q=cooperativas",
        "feed": "/forum/feeds/topics/",
    }


@pytest.mark.parametrize(
    "page",
    ["forum index", "week forum", "topic", "member profile", "member posts", "this week",
     "week page", "search", "feed"],
)  # fmt: skip
def test_each_page_names_a_poster_by_the_display_name_only(client, course, discussion, ana, page):
    week, topic = discussion
    client.force_login(person(course, "reader_b", Role.PARTICIPANT))

    response = client.get(pages(week, topic, ana)[page])

    html = response.content.decode()
    assert response.status_code == 200
    assert DISPLAY_NAME in html
    assert LOGIN not in html
    assert LAST not in html
