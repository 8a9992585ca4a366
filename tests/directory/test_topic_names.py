"""On a topic page (and in the moderation queue) a poster is named by their display name,
linked on the topic page to their directory profile when the reader may open it (else to
the forum's profile, as before)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from members.profiles import get_profile
from tests.forum.helpers import topic_url
from tests.forum.participation_helpers import person, publish, question_topic, reply

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(course, week, organizer):
    publish(week, organizer)
    ana = person(course, "ana_login_7q", language="es")
    profile = get_profile(ana)
    profile.display_name = "Ana Dos Santos"
    profile.save()
    topic = question_topic(week)
    reply(topic, ana, "Las cooperativas de vivienda.", "es")
    return topic, ana


@pytest.mark.parametrize(("visibility", "linked"), [("members", True), ("hidden", False)])
def test_a_poster_name_links_to_the_profile_the_reader_may_open(
    client, course, topic, visibility, linked
):
    topic, ana = topic
    profile = get_profile(ana)
    profile.visibility = visibility
    profile.save()
    client.force_login(person(course, "reader"))

    html = client.get(topic_url(topic)).content.decode()

    assert "Ana Dos Santos" in html
    assert ">ana_login_7q<" not in html  # (the profile address holds the login)
    assert (reverse("directory:profile", args=["ana_login_7q"]) in html) is linked
    assert (reverse("forum_member:profile", args=[ana.pk]) in html) is not linked


def test_the_moderation_queue_names_the_poster_by_display_name(client, course, week, organizer):
    from machina.core.db.models import get_model

    from tests.forum.participation_helpers import week_forum

    Post = get_model("forum_conversation", "Post")
    publish(week, organizer)
    ana = person(course, "ana_login_7q", language="es")
    ana.first_name, ana.last_name = "Anita", "Loginova"
    ana.save()
    profile = get_profile(ana)
    profile.display_name = "Ana Dos Santos"
    profile.save()
    topic = question_topic(week)
    post = reply(topic, ana, "Esperando la moderación.", "es")
    Post.objects.filter(pk=post.pk).update(approved=False)
    assert week_forum(week) == topic.forum
    client.force_login(organizer)

    for url in (
        reverse("forum_moderation:queue"),
        reverse("forum_moderation:queued_post", kwargs={"pk": post.pk}),
    ):
        html = client.get(url).content.decode()
        assert "Ana Dos Santos" in html, url
        assert "Loginova" not in html, url
