"""A post written in none of the site's languages (German, Portuguese) is not labelled
French or Spanish and "translated" into nonsense: it is marked as written in another
language, shown as written with that label, and translated into nothing. The author's
explicit choice of language still wins. Real lingua detection, real Apertium."""

from __future__ import annotations

import pytest
from django.urls import reverse
from machina.core.db.models import get_model
from machina.test.factories import PostFactory, create_topic

from tests.forum.helpers import course_forum, grant, member, topic_url
from tests.forum.permission_world import NO_ATTACHMENTS
from tests.translations.pipeline_helpers import CountingEngine
from translations import pipeline
from translations.detection import detect_language
from translations.models import OTHER_LANGUAGE, PostLanguage, PostTranslation

pytestmark = pytest.mark.django_db

Post = get_model("forum_conversation", "Post")

GERMAN = "Die Genossenschaften in unserer Stadt brauchen Kredit, um neue Mitglieder aufzunehmen."
PORTUGUESE = "Acho que o problema principal das cooperativas é o acesso ao mercado e ao crédito."
LABEL = "Written in another language; not translated"


@pytest.mark.parametrize("text", [GERMAN, PORTUGUESE])
def test_german_and_portuguese_are_detected_as_another_language(text):
    assert detect_language(text, default="fr") == OTHER_LANGUAGE


@pytest.fixture
def forum():
    return course_forum()


@pytest.fixture
def author(client, forum):
    """Reads and writes French by default: the post form offers French first."""
    user = member("fr")
    grant(user, forum)
    client.force_login(user)
    return user


def post_topic(client, forum, subject: str, content: str, language: str = "fr"):
    response = client.post(
        reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk]),
        {
            "subject": subject,
            "content": content,
            "language": language,
            "topic_type": 0,
            **NO_ATTACHMENTS,
        },
    )
    assert response.status_code == 302
    return Post.objects.get(subject=subject)


@pytest.mark.parametrize(
    ("subject", "text"), [("Genossenschaften", GERMAN), ("Cooperativas", PORTUGUESE)]
)
def test_a_post_left_in_the_offered_language_but_written_in_another_is_not_translated(
    client, forum, author, subject, text
):
    post = post_topic(client, forum, subject, text)  # the author left "French" as offered
    engine = CountingEngine()

    pipeline.translate_pending(post.pk, engine=engine)

    assert PostLanguage.objects.get(post=post).language == OTHER_LANGUAGE
    assert not PostTranslation.objects.filter(post=post).exists()
    assert engine.calls == []


@pytest.mark.parametrize(
    ("reader_language", "label"),
    [("en", LABEL), ("es", "Escrito en otro idioma; sin traducción")],
)
def test_readers_see_the_post_as_written_with_the_label(
    client, forum, author, compiled_catalogs, reader_language, label
):
    post = post_topic(client, forum, "Genossenschaften", GERMAN)
    pipeline.translate_pending(post.pk, engine=CountingEngine())
    reader = member(reader_language)
    grant(reader, forum)
    client.force_login(reader)

    html = client.get(topic_url(post.topic)).content.decode()

    assert GERMAN in html
    assert label in html
    assert 'lang="other"' not in html


def test_a_post_saved_without_a_language_is_detected_as_another_one(forum, author):
    topic = create_topic(forum=forum, poster=author, subject="Cooperativas")
    post = PostFactory(topic=topic, poster=author, subject="Cooperativas", content=PORTUGUESE)
    engine = CountingEngine()

    pipeline.translate_pending(post.pk, engine=engine)

    written = PostLanguage.objects.get(post=post)
    assert (written.language, written.chosen_by_author) == (OTHER_LANGUAGE, False)
    assert not PostTranslation.objects.filter(post=post).exists()
    assert engine.calls == []


def test_the_authors_explicit_choice_wins_over_detection(client, forum, author):
    post = post_topic(client, forum, "Cooperativas", PORTUGUESE, language="es")

    pipeline.translate_pending(post.pk, engine=CountingEngine())

    written = PostLanguage.objects.get(post=post)
    assert (written.language, written.chosen_by_author) == ("es", True)
    assert set(PostTranslation.objects.filter(post=post).values_list("language", "status")) == {
        ("fr", "done"),
        ("en", "done"),
    }


def test_the_author_may_say_the_post_is_in_another_language(client, forum, author):
    post = post_topic(client, forum, "Kurz", "Danke schön!", language=OTHER_LANGUAGE)

    written = PostLanguage.objects.get(post=post)
    assert (written.language, written.chosen_by_author) == (OTHER_LANGUAGE, True)
    assert not PostTranslation.objects.filter(post=post).exists()


def test_editing_a_post_in_another_language_offers_that_choice(client, forum, author):
    post = post_topic(client, forum, "Genossenschaften", GERMAN)
    pipeline.translate_pending(post.pk, engine=CountingEngine())
    topic = post.topic

    html = client.get(
        reverse(
            "forum_conversation:post_update",
            args=[forum.slug, forum.pk, topic.slug, topic.pk, post.pk],
        )
    ).content.decode()

    assert f'<option value="{OTHER_LANGUAGE}" selected>' in html


def test_a_post_in_french_left_as_offered_is_still_translated_from_french(client, forum, author):
    post = post_topic(
        client, forum, "Crédit", "Les coopératives de notre ville ont besoin de crédit."
    )

    pipeline.translate_pending(post.pk, engine=CountingEngine())

    assert PostLanguage.objects.get(post=post).language == "fr"
    assert set(PostTranslation.objects.filter(post=post).values_list("language", "status")) == {
        ("es", "done"),
        ("en", "done"),
    }
