"""A post's subject is translated from its own language, not its body's.

A reply's "Re: <the topic's subject>" is the topic's subject, in the topic's language: the
prefix is written back as it was, the rest is the topic's own translation (or translated
from the topic's language), whatever the language of the reply. A subject too short to
tell is in its author's language.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from machina.core.db.models import get_model
from machina.test.factories import create_topic

from courses.models import Role
from tests.forum.participation_helpers import person
from tests.translations.pipeline_helpers import CountingEngine
from translations import pipeline
from translations.detection import detect_language
from translations.engines.apertium import ApertiumEngine
from translations.models import PostTranslation
from translations.translate import translate_texts

Post = get_model("forum_conversation", "Post")

pytestmark = pytest.mark.django_db

TOPIC = "¿Cómo se relaciona la economía social con las experiencias de su región?"
SPANISH = (
    "En mi región la economía social nace de las cooperativas agrícolas y de las cajas "
    "de ahorro de los pueblos."
)
FRENCH = (
    "Au Québec, l'économie sociale est née des coopératives agricoles et des caisses "
    "populaires des villages."
)


@pytest.fixture(scope="module")
def engine(apertium_executable):
    engine = ApertiumEngine()
    yield engine
    engine.close()


def written(topic, author, subject: str, content: str, language: str | None, **flags):
    """A post saved as the post form saves it (its receivers queue its translations)."""
    post = Post(topic=topic, poster=author, subject=subject, content=content, approved=True)
    if language is not None:
        post.puentes_chosen_language = language
    for name, value in flags.items():
        setattr(post, f"puentes_{name}", value)
    post.save()
    return post


@pytest.fixture
def spanish_topic(course, forum):
    author = person(course, "ana", language="es")
    topic = create_topic(forum=forum, poster=author, subject=TOPIC)
    first = written(topic, author, TOPIC, SPANISH, "es")
    topic.refresh_from_db()
    return topic, first


def french_reply(course, topic, **flags):
    author = person(course, "claire", language="fr")
    return written(topic, author, f"Re: {topic.subject}", FRENCH, "fr", **flags)


def translation(post, language: str) -> PostTranslation:
    return PostTranslation.objects.get(post=post, language=language)


def test_a_two_word_subject_whose_language_is_unsure_gets_the_default():
    assert detect_language("Sin broker", default="es") == "es"
    assert detect_language("Question importante", default="en") == "en"


def test_a_short_subject_is_taken_for_the_authors_language(course, forum, engine):
    author = person(course, "beto", language="es")
    topic = create_topic(forum=forum, poster=author, subject="Sin broker")
    post = written(topic, author, "Sin broker", FRENCH, None)

    pipeline.translate_pending(post.pk, engine=engine)

    english = translation(post, "en").subject
    from_spanish = engine.translate_batch(["Sin broker"], "es", "en")[0]
    assert english == from_spanish != "Sin broker"
    assert translation(post, "es").subject == "Sin broker"  # Spanish already


def test_a_reply_subject_is_the_topics_subject_as_written_for_its_language(
    course, spanish_topic, engine
):
    topic, first = spanish_topic
    reply = french_reply(course, topic)

    pipeline.translate_pending(reply.pk, engine=engine)

    assert translation(reply, "es").subject == f"Re: {TOPIC}"
    assert translation(reply, "es").content != FRENCH  # the body is translated from French


def test_a_reply_subject_reuses_the_topics_translation(course, spanish_topic):
    topic, first = spanish_topic
    pipeline.translate_pending(first.pk, engine=CountingEngine())
    reply = french_reply(course, topic)
    engine = CountingEngine()

    pipeline.translate_pending(reply.pk, engine=engine)

    assert translation(reply, "en").subject == f"Re: {translation(first, 'en').subject}"
    sent = [text for call in engine.calls for text in call]
    assert not any("relaciona" in text for text in sent)  # neither "Re:" nor the subject


def test_a_reply_subject_is_translated_from_the_topics_language_before_the_topic_is(
    course, spanish_topic, engine
):
    topic, first = spanish_topic
    reply = french_reply(course, topic)

    pipeline.translate_pending(reply.pk, engine=engine)

    [from_spanish], _sent = translate_texts(
        [TOPIC], kind="markdown", source="es", target="en", engine=engine
    )
    assert translation(reply, "en").subject == f"Re: {from_spanish}"


def test_a_subject_of_its_own_keeps_its_prefix_and_translates_the_rest(course, forum, engine):
    author = person(course, "dora", language="es")
    topic = create_topic(forum=forum, poster=author, subject="Finanzas")
    post = written(topic, author, "Re: Las cooperativas de crédito", SPANISH, "es")

    pipeline.translate_pending(post.pk, engine=engine)

    [rest], _sent = translate_texts(
        ["Las cooperativas de crédito"], kind="markdown", source="es", target="fr", engine=engine
    )
    assert translation(post, "fr").subject == f"Re: {rest}"


# A French reply under a Spanish topic, seen by readers of each language on every page that
# lists it: the topic, "This week" and the key respondent's "My questions".


@pytest.fixture
def readers(course, week, organizer):
    week.save_revision(user=organizer).publish(user=organizer)
    return {
        language: person(course, f"kr-{language}", Role.KEY_RESPONDENT, language=language,
                         week=week)
        for language in ("es", "fr", "en")
    }  # fmt: skip


@pytest.fixture
def answered(course, spanish_topic, readers, engine):
    topic, first = spanish_topic
    pipeline.translate_pending(first.pk, engine=engine)
    reply = french_reply(course, topic, asks_key_respondent=True)
    pipeline.translate_pending(reply.pk, engine=engine)
    return topic, first, reply


def expected_subject(first, language: str) -> str:
    return f"Re: {TOPIC if language == 'es' else translation(first, language).subject}"


def page(topic, name: str) -> str:
    forum = topic.forum
    return {
        "topic": reverse(
            "forum_conversation:topic", args=[forum.slug, forum.pk, topic.slug, topic.pk]
        ),
        "this week": reverse("courses:this_week"),
        "my questions": reverse("my_questions"),
    }[name]


@pytest.mark.parametrize("language", ["es", "fr", "en"])
@pytest.mark.parametrize("name", ["topic", "this week", "my questions"])
def test_a_french_reply_under_a_spanish_topic_shows_its_subject_in_the_readers_language(
    client, answered, readers, language, name
):
    topic, first, _reply = answered
    client.force_login(readers[language])

    html = client.get(page(topic, name)).content.decode()

    subject = expected_subject(first, language)
    assert subject in html.replace("&#x27;", "'").replace("&quot;", '"')
    if language != "es":
        shown = re.sub(r'<span data-version="original"[^>]* hidden>.*?</span>', "", html)
        assert f"Re: {TOPIC}" not in shown  # only as the original, one click away
