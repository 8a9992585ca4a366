"""The editor of a page's or forum's text translation opens only for the translators and
organizers of its course, and only on a text they may see: a page Wagtail serves them, a
forum they read. Everyone else is refused, without the text."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from courses.enrollment import enroll
from courses.models import Role
from forum.communities import create_community
from tests.factories import CoursePageFactory, WeekPageFactory
from tests.forum.helpers import member
from translations.models import TextSource, TextTranslation
from translations.texts import translate_due_texts

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}
SECRET = "Zanahoriaconfidencial"


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    def publish(page):
        with django_capture_on_commit_callbacks(execute=False):
            page.save_revision().publish()
        return page.__class__.objects.get(pk=page.pk)

    return publish


@pytest.fixture
def week(course, publish):
    week = publish(
        WeekPageFactory(parent=course, title=f"Access to {SECRET}", language_written="en")
    )
    translate_due_texts()
    return week


def title_row(page, language: str = "es") -> TextTranslation:
    return TextTranslation.objects.get(
        source__content_type=ContentType.objects.get_for_model(page),
        source__object_id=page.pk,
        source__field="title",
        language=language,
    )


def url(row: TextTranslation) -> str:
    return reverse("text_translation_edit", args=[row.pk])


def save(client, row: TextTranslation, **headers):
    return client.post(url(row), {"text": "Nada", "digest": row.source.digest}, **headers)


@pytest.fixture
def other_translator(home_page):
    user = member("es")
    enroll(course=CoursePageFactory(parent=home_page), user=user, role=Role.TRANSLATOR)
    return user


def test_a_translator_of_another_course_may_neither_open_nor_save_a_text_of_this_course(
    client, week, other_translator
):
    row = title_row(week)
    client.force_login(other_translator)

    opened = client.get(url(row))
    saved = save(client, row)
    as_json = client.get(url(row), **JSON)

    assert opened.status_code == 403
    assert saved.status_code == 403
    assert as_json.status_code == 403
    for response in (opened, saved, as_json):
        assert SECRET not in response.content.decode()
    row.refresh_from_db()
    assert row.reviewed_at is None


def test_a_participant_of_the_course_may_not_edit_its_texts(client, course, week):
    participant = member("es")
    enroll(course=course, user=participant, role=Role.PARTICIPANT)
    client.force_login(participant)

    assert save(client, title_row(week)).status_code == 403
    assert title_row(week).reviewed_at is None


def test_a_visitor_is_sent_to_sign_in_and_the_inline_editor_told_so(client, week):
    row = title_row(week)

    page = client.get(url(row))
    as_json = client.get(url(row), **JSON)

    assert page.status_code == 302
    assert page["Location"].startswith("/accounts/login/?next=")
    assert as_json.status_code == 403
    assert SECRET not in as_json.content.decode()


def test_a_text_of_an_unpublished_page_answers_not_found_even_to_its_translator(
    client, week, translator
):
    row = title_row(week)
    week.unpublish()
    client.force_login(translator)

    response = client.get(url(row))

    assert response.status_code == 404
    assert SECRET not in response.content.decode()
    assert client.get(url(row), **JSON).status_code == 404


def test_a_communitys_name_is_not_edited_by_a_translator_outside_it(
    client, course, week, translator
):
    insider = member("fr")
    enroll(course=course, user=insider, role=Role.PARTICIPANT)
    community = create_community(course=course, name=f"Circle {SECRET}", members=[insider])
    source = TextSource.objects.get(
        content_type__model="forum", object_id=community.forum_id, field="name"
    )
    row = source.translations.get(language="es")
    client.force_login(translator)

    response = client.get(url(row))
    saved = save(client, row)

    assert response.status_code == 404
    assert saved.status_code == 404
    assert SECRET not in response.content.decode()
