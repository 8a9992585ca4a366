"""The author says which language they write in; saving never waits for translation."""

from __future__ import annotations

import pytest
from django.urls import reverse
from machina.core.db.models import get_model
from machina.test.factories import PostFactory, create_topic

from tests.forum.helpers import course_forum, grant, member
from tests.forum.permission_world import NO_ATTACHMENTS
from translations.models import PostLanguage, PostTranslation

pytestmark = pytest.mark.django_db

Post = get_model("forum_conversation", "Post")


def test_the_new_topic_form_offers_the_language_with_the_authors_preference_selected(client):
    author = member("fr")
    forum = course_forum()
    grant(author, forum)
    client.force_login(author)

    html = client.get(
        reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk])
    ).content.decode()

    assert 'name="language"' in html
    assert '<option value="fr" selected>' in html


def test_posting_a_topic_stores_the_chosen_language_and_queues_translation_after_commit(
    client, django_capture_on_commit_callbacks
):
    author = member("es")
    forum = course_forum()
    grant(author, forum)
    client.force_login(author)

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk]),
            {
                "subject": "Policy for cooperatives",
                "content": "Written in English although my interface is Spanish.",
                "language": "en",
                "topic_type": 0,
                **NO_ATTACHMENTS,  # participants may attach files: the page sends the formset
            },
        )

    assert response.status_code == 302
    post = Post.objects.get(subject="Policy for cooperatives")
    written = PostLanguage.objects.get(post=post)
    assert (written.language, written.chosen_by_author) == ("en", True)
    pending = set(PostTranslation.objects.filter(post=post).values_list("language", "status"))
    assert pending == {("es", "pending"), ("fr", "pending")}
    assert len(callbacks) == 1


def test_a_reply_can_change_language_when_edited(client):
    author = member("es")
    forum = course_forum()
    grant(author, forum)
    topic = create_topic(forum=forum, poster=author)
    PostFactory(topic=topic, poster=author)
    reply = PostFactory(topic=topic, poster=author, content="Texto en español.")
    client.force_login(author)

    client.post(
        reverse(
            "forum_conversation:post_update",
            args=[forum.slug, forum.pk, topic.slug, topic.pk, reply.pk],
        ),
        {
            "subject": reply.subject,
            "content": "Texte en français.",
            "language": "fr",
            **NO_ATTACHMENTS,
        },
    )

    assert PostLanguage.objects.get(post=reply).language == "fr"
    assert set(PostTranslation.objects.filter(post=reply).values_list("language", flat=True)) == {
        "es",
        "en",
    }


def test_a_post_is_saved_and_shown_even_when_the_broker_is_down(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    from cms.celery import app

    attempts = []

    def broker_down(*args, **kwargs):
        attempts.append(args)
        raise ConnectionRefusedError("broker unreachable")

    monkeypatch.setattr(app, "send_task", broker_down)
    author = member("es")
    forum = course_forum()
    grant(author, forum)
    client.force_login(author)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk]),
            {
                "subject": "Sin broker",
                "content": "Se guarda.",
                "language": "es",
                "topic_type": 0,
                **NO_ATTACHMENTS,
            },
        )

    assert response.status_code == 302
    assert len(attempts) == 1
    response = client.get(response["Location"])
    assert "Se guarda." in response.content.decode()
    assert PostTranslation.objects.filter(post__subject="Sin broker", status="pending").count() == 2
