"""Readers see posts in their language, labelled, with the original one click away."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from machina.test.factories import PostFactory, UserFactory, create_topic

from forum.course_of import course_of_forum
from forum.models import WeekForum
from tests.factories import WeekPageFactory
from tests.forum.helpers import (
    course_forum,
    grant,
    member,
    topic_url,
    translated_spanish_topic,
)
from tests.translations.pipeline_helpers import CountingEngine
from translations import pipeline
from translations.models import PostTranslation

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish_topic(django_capture_on_commit_callbacks):
    author = member("es")
    forum = course_forum()
    return translated_spanish_topic(forum, author)


def test_an_english_reader_sees_a_spanish_post_in_english_labelled_with_the_original_at_hand(
    client, spanish_topic
):
    topic, post = spanish_topic
    reader = member("en")
    grant(reader, topic.forum)
    client.force_login(reader)

    html = client.get(topic_url(topic)).content.decode()

    assert "Machine-translated from Spanish" in html
    assert "cooperatives" in html.lower()
    assert f'href="?original={post.pk}#{post.pk}"' in html
    assert 'data-version="original" lang="es" hidden' in html
    assert "Las cooperativas necesitan <strong>crédito</strong>" in html


def test_without_javascript_the_show_original_link_renders_the_original(client, spanish_topic):
    topic, post = spanish_topic
    reader = member("en")
    grant(reader, topic.forum)
    client.force_login(reader)

    html = client.get(f"{topic_url(topic)}?original={post.pk}").content.decode()

    assert '<span data-version="original" lang="es">' in html
    assert '<span data-version="translation" lang="en" hidden>' in html
    assert "Show translation" in html


def test_a_spanish_reader_sees_the_spanish_post_as_written_without_a_label(client, spanish_topic):
    topic, _post = spanish_topic
    reader = member("es")
    grant(reader, topic.forum)
    client.force_login(reader)

    html = client.get(topic_url(topic)).content.decode()

    assert "Machine-translated" not in html
    assert "Las cooperativas necesitan <strong>crédito</strong>" in html


def test_a_reader_of_spanish_and_french_sees_a_spanish_post_untranslated(client, spanish_topic):
    topic, _post = spanish_topic
    reader = member("fr", reads=["es"])
    grant(reader, topic.forum)
    client.force_login(reader)

    html = client.get(topic_url(topic)).content.decode()

    assert "Machine-translated" not in html
    assert "Las cooperativas necesitan" in html


def test_a_post_not_translated_yet_shows_its_original_marked_in_progress(client):
    author = member("es")
    topic = create_topic(forum=course_forum(), poster=author)
    post = PostFactory(topic=topic, poster=author, content="Texto recién escrito.")
    pipeline.request_post_translation(post, targets=["en"], language="es")
    reader = member("en")
    grant(reader, topic.forum)
    client.force_login(reader)

    html = client.get(topic_url(topic)).content.decode()

    assert "Translation in progress" in html
    assert "Texto recién escrito." in html


def test_a_failed_translation_shows_the_original_marked_unavailable(client):
    author = member("es")
    topic = create_topic(forum=course_forum(), poster=author)
    post = PostFactory(topic=topic, poster=author, content="Texto sin traducción.")
    pipeline.request_post_translation(post, targets=["en"], language="es")
    pipeline.mark_failed(post.pk, error="engine down")
    reader = member("en")
    grant(reader, topic.forum)
    client.force_login(reader)

    html = client.get(topic_url(topic)).content.decode()

    assert "Translation unavailable" in html
    assert "Texto sin traducción." in html


def test_engine_output_is_sanitised_like_a_post():
    class HostileEngine(CountingEngine):
        def translate_batch(self, texts, source, target):
            return [f"{text} <script>alert(1)</script> [x](javascript:alert(1))" for text in texts]

    author = member("es")
    post = PostFactory(topic=create_topic(forum=course_forum(), poster=author), poster=author)
    pipeline.request_post_translation(post, targets=["en"], language="es")

    pipeline.translate_pending(post.pk, engine=HostileEngine())

    rendered = PostTranslation.objects.get(post=post).content_rendered
    assert "<script" not in rendered
    assert 'href="javascript' not in rendered
    assert "&lt;script&gt;" in rendered


def topic_page_queries(client, count: int) -> int:
    author = member("es")
    forum = course_forum()
    topic = create_topic(forum=forum, poster=author)
    for number in range(count):
        post = PostFactory(topic=topic, poster=author, content=f"Mensaje número {number}.")
        PostTranslation.objects.update_or_create(
            post=post,
            language="en",
            defaults={
                "source_language": "es",
                "source_digest": "x",
                "status": "done",
                "subject": "Message",
                "content": "Message",
                "content_rendered": "<p>Message</p>",
            },
        )
    reader = member("en")
    grant(reader, forum)
    client.force_login(reader)
    client.get(topic_url(topic))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(topic_url(topic))
    assert response.content.decode().count("Machine-translated from") == count
    return len(queries)


def test_the_topic_page_query_count_does_not_grow_with_its_posts(client, settings):
    settings.MACHINA_TOPIC_POSTS_NUMBER_PER_PAGE = 100

    assert topic_page_queries(client, 3) == topic_page_queries(client, 12)


def week_forums_of_one_course(weeks: int) -> list:
    """The forums of a new course's ``weeks`` published weeks."""
    first = course_forum()
    course = course_of_forum(first.pk)
    forums = [first]
    for _ in range(weeks - 1):
        week = WeekPageFactory(parent=course, questions=[])
        week.save_revision().publish()
        forums.append(WeekForum.objects.get(week=week).forum)
    return forums


def forum_index_queries(client, weeks: int) -> int:
    user = UserFactory()
    author = UserFactory()
    forums = week_forums_of_one_course(weeks)
    for forum in forums:
        PostFactory(topic=create_topic(forum=forum, poster=author), poster=author)
    grant(user, forums[0])  # a participant: the course's role group reads every week
    client.force_login(user)
    client.get("/forum/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/forum/")
    assert response.content.decode().count('class="forum-name-link"') == weeks
    return len(queries)


def test_the_forum_index_makes_a_constant_number_of_queries_with_role_group_grants(client):
    assert forum_index_queries(client, 5) == forum_index_queries(client, 30)


def test_topic_titles_show_in_the_readers_language_on_the_topic_and_in_the_forum(
    client, spanish_topic
):
    topic, post = spanish_topic
    topic.first_post = post
    topic.save()
    english_subject = PostTranslation.objects.get(post=post, language="en").subject
    reader = member("en")
    grant(reader, topic.forum)
    client.force_login(reader)

    topic_page = client.get(topic_url(topic)).content.decode()
    forum_page = client.get(
        reverse("forum:forum", kwargs={"slug": topic.forum.slug, "pk": topic.forum.pk})
    ).content.decode()

    assert f"<h1>{english_subject}</h1>" in topic_page
    assert f'class="topic-name-link">{english_subject}</a>' in forum_page


def test_a_post_by_someone_without_a_forum_profile_still_renders_with_their_name(client):
    from machina.core.db.models import get_model

    author = member("es")
    author.first_name, author.last_name = "Ana", "Morales"
    author.save()
    topic = create_topic(forum=course_forum(), poster=author)
    PostFactory(topic=topic, poster=author, content="Sin perfil de foro.")
    get_model("forum_member", "ForumProfile").objects.filter(user=author).delete()
    reader = member("es")
    grant(reader, topic.forum)
    client.force_login(reader)

    response = client.get(topic_url(topic))

    assert response.status_code == 200
    assert "Ana Morales" in response.content.decode()
