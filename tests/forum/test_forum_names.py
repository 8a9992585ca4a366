"""Forum and category names are read in every language, like pages."""

from __future__ import annotations

import pytest
from django.urls import reverse
from machina.test.factories import create_forum

from tests.forum.helpers import course_forum, grant, member
from translations.texts import translate_due_texts

pytestmark = pytest.mark.django_db


def test_a_forum_name_is_translated_and_its_original_kept_at_hand(client):
    forum = course_forum()
    forum.name = "Cooperatives and public procurement"
    forum.save()
    translate_due_texts()
    reader = member("es")
    grant(reader, forum)
    client.force_login(reader)

    html = client.get(
        reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})
    ).content.decode()

    assert "Cooperativas" in html
    assert 'data-version="original" lang="en" hidden' in html
    index = client.get(reverse("forum:index")).content.decode()
    assert "Cooperativas" in index
    assert 'title="Original en inglés: Cooperatives and public procurement"' in index or (
        "Cooperatives and public procurement" in index
    )


def test_a_renamed_forum_shows_its_new_name_until_it_is_translated(client):
    forum = create_forum(name="Cooperatives and public procurement")
    translate_due_texts()
    forum.name = "Social finance"
    forum.save()
    reader = member("es")
    client.force_login(reader)
    from forum.forum_names import shown_names

    shown = shown_names(language="es", reads={"es"})[forum.pk]
    assert shown.original == "Social finance"
    assert shown.state == "pending"


def test_the_move_topic_form_lists_the_forums_in_the_moderators_language(client):
    from machina.test.factories import PostFactory, create_topic

    origin = course_forum()
    destination = course_forum()
    destination.name = "Cooperatives and public procurement"
    destination.save()
    translate_due_texts()
    moderator = member("es")
    moderator.is_superuser = True  # machina lets a superuser move any topic anywhere
    moderator.save()
    topic = create_topic(forum=origin, poster=moderator)
    PostFactory(topic=topic, poster=moderator)
    client.force_login(moderator)

    html = client.get(
        reverse("forum_moderation:topic_move", kwargs={"slug": topic.slug, "pk": topic.pk})
    ).content.decode()

    option = f'<option value="{destination.pk}">'
    assert option in html
    assert "Cooperativas" in html.split(option, 1)[1].split("</option>", 1)[0]
    assert f'<option value="{origin.pk}" disabled>' in html  # the topic's own forum
    assert 'type="submit"' in html


def test_a_post_in_a_forum_does_not_ask_its_name_to_be_translated_again(monkeypatch):
    """machina saves the forum on every post (its counts, its last post): neither its texts
    nor its search entry are worked on again for that."""
    from machina.test.factories import PostFactory, create_topic

    from forum import forum_names, search_index

    forum = course_forum()
    requested, indexed = [], []
    monkeypatch.setattr(forum_names, "request_forum_texts", requested.append)
    monkeypatch.setattr(search_index, "index_object", indexed.append)
    author = member("es")
    topic = create_topic(forum=forum, poster=author)
    PostFactory(topic=topic, poster=author)
    PostFactory(topic=topic, poster=author)

    assert requested == []
    assert indexed == []


def test_a_forum_renamed_and_renamed_back_is_translated_each_time(monkeypatch):
    from forum import forum_names, search_index

    forum = create_forum(name="Cooperatives and public procurement")
    requested, indexed = [], []
    monkeypatch.setattr(forum_names, "request_forum_texts", lambda f: requested.append(f.name))
    monkeypatch.setattr(search_index, "index_object", lambda f: indexed.append(f.name))

    forum.name = "Social finance"
    forum.save()
    forum.save()  # nothing changed since
    forum.name = "Cooperatives and public procurement"
    forum.save()

    expected = ["Social finance", "Cooperatives and public procurement"]
    assert requested == expected
    assert indexed == expected
