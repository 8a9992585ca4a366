"""A post's themes and region: set by its author on the new topic or reply form, changed
afterwards by an organizer, shown on the topic page in the reader's language."""

from __future__ import annotations

import pytest
from django.urls import reverse
from machina.core.db.models import get_model

from courses.models import Role
from forum.models import PostTags
from notifications.models import Event, Notice
from tests.forum.helpers import course_forum, grant, member, topic_url
from tests.forum.permission_world import NO_ATTACHMENTS
from tests.notifications.alert_helpers import follow, region, theme, translated_name
from translations.texts import translate_due_texts

Post = get_model("forum_conversation", "Post")

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum():
    return course_forum()


@pytest.fixture
def author(forum):
    user = member("es")
    grant(user, forum)
    return user


def start_topic(client, user, forum, **fields):
    client.force_login(user)
    response = client.post(
        reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk]),
        {"subject": "Compras públicas", "content": "Las compras públicas en Bolivia.",
         "language": "es", "topic_type": 0, **NO_ATTACHMENTS, **fields},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    return Post.objects.filter(topic__forum=forum, poster=user).latest("pk")


def test_the_new_topic_form_offers_themes_and_a_region(client, forum, author):
    theme("public-procurement", "Public procurement")
    region("bolivia", "Bolivia")
    client.force_login(author)

    html = client.get(
        reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk])
    ).content.decode()

    assert 'name="themes"' in html
    assert 'name="region"' in html
    assert "Public procurement" in html


def test_the_new_topic_form_sets_the_posts_themes_and_region(client, forum, author):
    procurement = theme("public-procurement", "Public procurement")
    capital = theme("access-to-capital", "Access to capital")
    bolivia = region("bolivia", "Bolivia")

    post = start_topic(
        client, author, forum, themes=[procurement.pk, capital.pk], region=bolivia.pk
    )

    tags = PostTags.objects.get(post=post)
    assert set(tags.themes.all()) == {procurement, capital}
    assert tags.region == bolivia


def test_a_post_without_tags_has_none(client, forum, author):
    theme("public-procurement")

    post = start_topic(client, author, forum)

    assert not PostTags.objects.filter(post=post).exclude(themes=None).exists()


def test_an_organizer_tags_a_post_afterwards_and_its_followers_are_alerted(client, forum, author):
    procurement = theme("public-procurement", "Public procurement")
    bolivia = region("bolivia", "Bolivia")
    post = start_topic(client, author, forum)
    organizer = member("en")
    grant(organizer, forum, Role.ORGANIZER)
    reader = member("fr")
    grant(reader, forum)
    follow(reader, themes=[procurement])
    topic = post.topic
    client.force_login(organizer)

    response = client.post(
        reverse(
            "forum_conversation:topic_update", args=[forum.slug, forum.pk, topic.slug, topic.pk]
        ),
        {"subject": post.subject, "content": str(post.content), "language": "es",
         "topic_type": 0, "themes": [procurement.pk], "region": bolivia.pk, **NO_ATTACHMENTS},
    )  # fmt: skip

    assert response.status_code == 302, response.content.decode()[:2000]
    tags = PostTags.objects.get(post=post)
    assert (list(tags.themes.all()), tags.region) == ([procurement], bolivia)
    notice = Notice.objects.get(recipient=reader, post=post)
    assert notice.event == Event.ALERT


def test_the_topic_page_shows_the_tags_in_the_readers_language(client, forum, author):
    procurement = theme("public-procurement", "Public procurement")
    bolivia = region("bolivia", "Bolivia")
    post = start_topic(client, author, forum, themes=[procurement.pk], region=bolivia.pk)
    translate_due_texts()
    translated = translated_name(procurement, "es")
    assert translated != "Public procurement"
    reader = member("es")
    grant(reader, forum)
    client.force_login(reader)

    html = client.get(topic_url(post.topic)).content.decode()

    assert 'class="vocabulary-tags"' in html
    assert 'data-term="public-procurement" lang="es" title="' in html
    assert f'Public procurement">{translated}</li>' in html  # the original in the title
    english = member("en")
    grant(english, forum)
    client.force_login(english)
    html = client.get(topic_url(post.topic)).content.decode()
    assert 'data-term="public-procurement">Public procurement</li>' in html
