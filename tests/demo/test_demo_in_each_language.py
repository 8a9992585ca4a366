"""Issue 12's "done when": with the demo as shipped, a Spanish member reads the whole course
(course page, every week with its readings and questions, both case studies, the forum
index and the topic lists) in Spanish, an English member in English, a French member in
French, each text labelled with its provenance, within a minute of `./dev run` finishing.

The demo is loaded and its texts queued as `./dev run` does, with a real worker (Apertium)
translating them; then each reader's pages are read through HTTP and every text checked
against what the translation tables hold for them.
"""

from __future__ import annotations

import io
import time
from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from machina.core.db.models import get_model

from courses.models import CaseStudyPage, CoursePage, WeekPage
from forum.forum_names import shown_names
from forum.models import WeekForum
from translations.display import reader_languages, topic_subjects_as_read
from translations.models import PostTranslation, TextTranslation
from translations.shown_texts import texts_of

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

Topic = get_model("forum_conversation", "Topic")

#: The issue's promise: everything readable a minute after the site is up.
READABLE_WITHIN_SECONDS = 60


def words(html_or_text: str) -> str:
    """What a reader sees of a text, spaces folded."""
    return " ".join(unescape(BeautifulSoup(html_or_text, "html.parser").get_text(" ")).split())


def snippet(text: str) -> str:
    return " ".join(words(text).split()[:6])


def pending() -> bool:
    return (
        PostTranslation.objects.filter(status=PostTranslation.Status.PENDING).exists()
        or TextTranslation.objects.filter(status=TextTranslation.Status.PENDING).exists()
    )


@pytest.fixture
def demo(celery_worker) -> float:
    """The demo as `./dev run` leaves it; how long after it all was translated."""
    call_command("load_demo", stdout=io.StringIO())
    call_command("translate_site_texts", stdout=io.StringIO())
    started = time.monotonic()
    while pending() and time.monotonic() - started < 5 * READABLE_WITHIN_SECONDS:
        time.sleep(0.5)
    return time.monotonic() - started


def check_page(client, page, language: str, reads: set[str]) -> None:
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    html = response.content.decode()
    seen = words(html)
    shown = texts_of([page], language=language, reads=reads)[0]
    assert shown.texts, f"{page.title}: no text recorded for translation"
    for field, text in shown.texts.items():
        assert text.state in ("original", "machine", "reviewed"), (page.title, field, text.state)
        if text.has_translation:
            assert snippet(text.translated) in seen, (page.title, field, text.translated)
            assert f'data-version="original" lang="{text.language}" hidden' in html
    if shown.has_translation:
        with translation.override(language):
            assert words(str(shown.label)) in seen, (page.title, shown.label)


def read_the_course(client, interface_language: str) -> None:
    reader = get_user_model().objects.get(username=f"participant-{interface_language}")
    language, reads = reader_languages(reader, interface_language)
    client.force_login(reader)
    course = CoursePage.objects.get()
    weeks = list(WeekPage.objects.live().child_of(course).order_by("number"))
    case_studies = list(CaseStudyPage.objects.live().descendant_of(course))
    assert len(weeks) == 6
    assert len(case_studies) == 2

    for page in [course, *weeks, *case_studies]:
        check_page(client, page, language, reads)

    # The forum index names the course's category and week forums in the reader's language.
    names = shown_names(language=language, reads=reads)
    week_forums = [link.forum for link in WeekForum.objects.select_related("forum")]
    index = words(client.get(reverse("forum:index")).content.decode())
    for forum in {week_forums[0].parent, *week_forums}:
        name = names[forum.pk]
        assert name.state in ("original", "machine", "reviewed"), (forum.name, name.state)
        assert snippet(name.shown) in index, (forum.name, name.shown)

    # Each week forum's topic list gives every subject in the reader's language.
    for forum in week_forums:
        url = reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})
        listing = words(client.get(url).content.decode())
        topics = Topic.objects.filter(forum=forum, approved=True)
        subjects = topic_subjects_as_read(
            [(topic.pk, topic.first_post_id) for topic in topics], language=language, reads=reads
        )
        for topic in topics:
            assert topic.pk in subjects, (forum.name, topic.subject)
            assert words(subjects[topic.pk]) in listing, (forum.name, subjects[topic.pk])


def test_each_member_reads_the_whole_demo_course_in_their_language_within_a_minute(
    client, demo, record_property
):
    record_property("translated_seconds", round(demo, 1))  # in the JUnit report
    # One demo for the three readers: loading and translating it is most of the cost.
    for language in ("es", "fr", "en"):
        read_the_course(client, language)
    assert demo < READABLE_WITHIN_SECONDS, f"translated {demo:.1f} s after the site was up"
