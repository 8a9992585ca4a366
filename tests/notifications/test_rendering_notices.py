"""A notice is rendered when read: headline in the interface language, the post or page it
quotes in the reader's reading language with its provenance label, a path to the post."""

from __future__ import annotations

import pytest
from django.utils import translation
from machina.test.factories import PostFactory

from notifications.models import Event, Notice
from notifications.rendering import render_notice, render_notices
from tests.forum.helpers import member, topic_url
from tests.translations.course_posts import course_post
from tests.translations.pipeline_helpers import CountingEngine
from translations import pipeline
from translations.texts import Text, request_texts

pytestmark = pytest.mark.django_db


def spanish_post(forum, author=None):
    author = author or member("es")
    author.puentes_profile.display_name = "Ana Pérez"
    author.puentes_profile.save()
    return course_post(
        forum,
        author,
        content="Las cooperativas necesitan crédito para crecer.",
        language="es",
        subject="Las cooperativas",
    )


def test_before_its_translation_the_reader_gets_the_original_marked_in_progress(forum):
    post = spanish_post(forum)
    reader = member("en")
    notice = Notice.objects.create(
        recipient=reader, event=Event.REPLY, actor=post.poster, post=post
    )

    with translation.override("en"):
        shown = render_notice(notice, reader)

    assert shown.headline == "Ana Pérez replied to your post"
    assert shown.excerpt is not None
    assert shown.title is not None
    assert shown.excerpt.shown == "Las cooperativas necesitan crédito para crecer."
    assert shown.excerpt.state == "pending"
    assert shown.label == "Translation in progress"
    assert shown.path == f"{topic_url(post.topic)}?post={post.pk}#{post.pk}"


def test_once_translated_an_english_reader_gets_english_labelled_from_spanish(forum):
    post = spanish_post(forum)
    pipeline.translate_pending(post.pk, engine=CountingEngine())
    reader = member("en")
    notice = Notice.objects.create(
        recipient=reader, event=Event.REPLY, actor=post.poster, post=post
    )

    with translation.override("en"):
        shown = render_notice(notice, reader)

    assert shown.excerpt is not None
    assert shown.title is not None
    assert shown.excerpt.state == "machine"
    assert shown.excerpt.original == "Las cooperativas necesitan crédito para crecer."
    assert "cooperatives" in shown.excerpt.shown.lower()
    assert "cooperatives" in shown.title.shown.lower()
    assert shown.label == "Machine-translated from Spanish"


def test_a_french_reader_gets_french_and_a_french_headline(forum, compiled_catalogs):
    post = spanish_post(forum)
    pipeline.translate_pending(post.pk, engine=CountingEngine())
    reader = member("fr")
    notice = Notice.objects.create(
        recipient=reader, event=Event.ANSWER, actor=post.poster, post=post
    )

    with translation.override("fr"):
        shown = render_notice(notice, reader)

    assert shown.headline == "Ana Pérez a répondu à votre question"
    assert shown.excerpt is not None
    assert shown.excerpt.state == "machine"
    assert shown.excerpt.shown != shown.excerpt.original
    assert shown.label == "Traduction automatique (original en espagnol)"


def test_a_reader_of_spanish_gets_the_post_as_written_without_label(forum, compiled_catalogs):
    post = spanish_post(forum)
    pipeline.translate_pending(post.pk, engine=CountingEngine())
    reader = member("fr", reads=["es"])
    notice = Notice.objects.create(recipient=reader, event=Event.MENTION, actor=None, post=post)

    with translation.override("es"):
        shown = render_notice(notice, reader)

    assert shown.headline == "Te mencionaron"
    assert shown.excerpt is not None
    assert shown.excerpt.shown == "Las cooperativas necesitan crédito para crecer."
    assert shown.label == ""


def test_a_reply_is_titled_with_its_topic_subject_as_the_reader_reads_it(forum):
    first = spanish_post(forum)
    pipeline.translate_pending(first.pk, engine=CountingEngine())
    reply = PostFactory(
        topic=first.topic, poster=member("en"), subject="Re: Las cooperativas", content="Indeed."
    )
    reader = member("en")
    notice = Notice.objects.create(recipient=reader, event=Event.NEW_POST, post=reply)

    with translation.override("en"):
        shown = render_notice(notice, reader)

    assert shown.title is not None
    assert shown.title.state == "machine"
    assert shown.title.shown != "Las cooperativas"
    assert "cooperatives" in shown.title.shown.lower()
    assert shown.path.endswith(f"#{reply.pk}")


def test_a_page_notice_shows_the_page_title_in_the_reading_language(week, organizer):
    week.title = "Semana de las cooperativas"
    week.save_revision().publish()
    reader = member("en")
    notice = Notice.objects.create(recipient=reader, event=Event.WEEK_OPENS, page=week)

    with translation.override("en"):
        shown = render_notice(notice, reader)

    assert shown.headline == "A new week opens"
    assert shown.title is not None
    assert shown.title.original == "Semana de las cooperativas"
    assert shown.path == week.url


def test_a_page_title_translated_is_shown_translated_with_its_label(week):
    week.title = "Semana de las cooperativas"
    week.save_revision().publish()
    request_texts(week.specific, [Text("title", week.title, "markdown")], language="es")
    from translations.models import TextSource, TextTranslation

    source = TextSource.objects.get(object_id=week.pk, field="title")
    TextTranslation.objects.update_or_create(
        source=source,
        language="en",
        defaults={
            "status": TextTranslation.Status.DONE,
            "text": "Week of the cooperatives",
            "source_digest": source.digest,
            "source_language": "es",
        },
    )
    reader = member("en")
    notice = Notice.objects.create(recipient=reader, event=Event.WEEK_OPENS, page=week)

    with translation.override("en"):
        shown = render_notice(notice, reader)

    assert shown.title is not None
    assert shown.title.shown == "Week of the cooperatives"
    assert shown.label == "Machine-translated from Spanish"


def test_events_without_post_or_page_have_a_headline(db):
    reader = member("en")
    notice = Notice.objects.create(
        recipient=reader, event=Event.TRANSLATION_FAILED, data={"count": 3}
    )
    with translation.override("en"):
        shown = render_notice(notice, reader)
    assert shown.headline == "3 translations failed after every retry"
    assert shown.title is None
    assert shown.excerpt is None


def test_rendering_many_notices_takes_a_fixed_number_of_queries(
    forum, week, django_assert_max_num_queries
):
    reader = member("en")
    notices = []
    for _ in range(12):
        post = spanish_post(forum)
        notices.append(
            Notice.objects.create(
                recipient=reader, event=Event.NEW_POST, actor=post.poster, post=post
            )
        )
    notices.append(Notice.objects.create(recipient=reader, event=Event.WEEK_OPENS, page=week))
    rows = list(Notice.objects.filter(recipient=reader))

    with translation.override("en"), django_assert_max_num_queries(14):
        shown = render_notices(rows, reader)

    assert len(shown) == 13
    assert all(item.headline for item in shown)
