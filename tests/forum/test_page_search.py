"""The forum's search finds pages (a course, its weeks, case studies) and forums by words of
their original texts or of any translation, shows them in the reader's language with their
provenance, and never shows a page or forum name its reader may not see."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from courses.enrollment import enroll
from courses.models import Role
from forum.communities import create_community
from tests.factories import CaseStudyPageFactory, CoursePageFactory, WeekPageFactory
from tests.forum.helpers import member
from translations.models import TextTranslation
from translations.texts import translate_due_texts

pytestmark = pytest.mark.django_db

SEARCH = "/forum/search/"


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    def publish(page):
        with django_capture_on_commit_callbacks(execute=False):
            page.save_revision().publish()
        return page.__class__.objects.get(pk=page.pk)

    return publish


@pytest.fixture
def english_week(course, publish, translate):
    week = publish(
        WeekPageFactory(
            parent=course,
            title="Access to capital",
            theme="How cooperatives find money",
            introduction=(
                "<p>We read about <b>social finance</b> at "
                '<a href="https://banquefinance.example/">a bank</a>.</p>'
            ),
            language_written="en",
            questions=[],
        )
    )
    translate()
    return week


@pytest.fixture
def french_case_study(english_week, publish, translate):
    case = publish(
        CaseStudyPageFactory(
            parent=english_week,
            title="Le Chantier de l'économie sociale",
            abstract="Les coopératives du Québec et le crédit solidaire.",
            body="<p>Une étude de cas courte sur les coopératives.</p>",
            language="fr",
        )
    )
    translate()
    return case


@pytest.fixture
def translate(django_capture_on_commit_callbacks):
    """Translate the due texts; the search index follows on commit (texts_translated)."""

    def translate():
        with django_capture_on_commit_callbacks(execute=True):
            translate_due_texts()

    return translate


def found(client, words: str) -> str:
    response = client.get(SEARCH, {"q": words})
    assert response.status_code == 200
    return response.content.decode()


def spanish_title(page) -> str:
    return TextTranslation.objects.get(
        source__object_id=page.pk, source__field="title", language="es"
    ).text


def test_a_spanish_reader_finds_an_english_week_by_an_english_word_shown_in_spanish(
    client, english_week
):
    client.force_login(member("es"))

    html = found(client, "cooperatives")

    assert f'data-page="{english_week.pk}"' in html
    assert spanish_title(english_week) in html
    assert "translation-label--machine" in html


def test_a_week_is_found_by_a_word_of_its_spanish_translation(client, english_week):
    word = spanish_title(english_week).split()[0]
    client.force_login(member("en"))

    html = found(client, word)

    assert f'data-page="{english_week.pk}"' in html
    assert "Access to capital" in html  # an English reader gets the original


def test_a_french_case_study_is_found_by_a_word_of_its_english_translation(
    client, french_case_study
):
    english = TextTranslation.objects.get(
        source__object_id=french_case_study.pk, source__field="abstract", language="en"
    ).text
    # Neither word is in the French original ("coopératives", "crédit").
    assert {"cooperatives", "credit"} <= set(english.lower().rstrip(".").split())
    client.force_login(member("en"))

    html = found(client, "cooperatives credit")

    assert f'data-page="{french_case_study.pk}"' in html


def test_every_word_must_occur_somewhere_in_the_page(client, english_week):
    client.force_login(member("en"))

    assert f'data-page="{english_week.pk}"' in found(client, "capital cooperatives")
    assert f'data-page="{english_week.pk}"' not in found(client, "capital zanahoria")


def test_the_words_of_a_links_address_do_not_find_the_page(client, english_week):
    client.force_login(member("en"))

    assert f'data-page="{english_week.pk}"' not in found(client, "banquefinance")


def test_an_anonymous_reader_finds_a_public_page(client, english_week):
    assert f'data-page="{english_week.pk}"' in found(client, "cooperatives")


def test_an_unpublished_page_is_never_found(client, english_week, french_case_study):
    french_case_study.unpublish()
    client.force_login(member("en"))

    html = found(client, "Chantier")

    assert f'data-page="{french_case_study.pk}"' not in html
    assert "économie sociale" not in html


def test_a_draft_is_never_found(client, english_week):
    draft = WeekPageFactory(
        parent=english_week.get_parent(), title="Borrador zanahoria", live=False
    )
    draft.save_revision()
    client.force_login(member("es"))

    html = found(client, "zanahoria")

    assert f'data-page="{draft.pk}"' not in html


def test_the_pages_of_an_unpublished_course_are_not_found(client, course, english_week):
    course.unpublish()  # its weeks stay live, but Wagtail serves nothing below
    client.force_login(member("en"))

    assert f'data-page="{english_week.pk}"' not in found(client, "cooperatives")


def test_a_page_for_signed_in_readers_is_not_found_by_visitors(client, english_week):
    PageViewRestriction.objects.create(
        page=english_week, restriction_type=PageViewRestriction.LOGIN
    )

    anonymous = found(client, "cooperatives")
    client.force_login(member("en"))
    signed_in = found(client, "cooperatives")

    assert f'data-page="{english_week.pk}"' not in anonymous
    assert f'data-page="{english_week.pk}"' in signed_in


def test_a_page_restricted_to_a_group_is_found_only_by_its_members(client, english_week):
    group = Group.objects.create(name="Readers of the week")
    restriction = PageViewRestriction.objects.create(
        page=english_week, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    outsider, insider = member("en"), member("en")
    insider.groups.add(group)

    client.force_login(outsider)
    outside = found(client, "cooperatives")
    client.force_login(insider)
    inside = found(client, "cooperatives")

    assert f'data-page="{english_week.pk}"' not in outside
    assert "Access to capital" not in outside
    assert f'data-page="{english_week.pk}"' in inside


def test_a_communitys_name_is_found_only_by_those_who_read_its_forum(client, course, english_week):
    insider, outsider = member("en"), member("en")
    for person in (insider, outsider):
        enroll(course=course, user=person, role=Role.PARTICIPANT)
    community = create_community(
        course=course, name="Circle of mushroom growers", members=[insider]
    )
    community.refresh_from_db()

    client.force_login(outsider)
    outside = found(client, "mushroom")
    client.force_login(insider)
    inside = found(client, "mushroom")

    assert f'data-forum="{community.forum_id}"' not in outside
    assert "mushroom growers" not in outside
    assert f'data-forum="{community.forum_id}"' in inside


def test_a_forum_is_found_by_a_word_of_its_translated_name(client, course, english_week, translate):
    forum = english_week.week_forum.forum
    translate()
    spanish = TextTranslation.objects.get(
        source__content_type__model="forum",
        source__object_id=forum.pk,
        source__field="name",
        language="es",
    ).text
    reader = member("es")
    enroll(course=course, user=reader, role=Role.PARTICIPANT)
    client.force_login(reader)

    html = found(client, "capital")

    assert f'data-forum="{forum.pk}"' in html
    assert spanish in html


def test_a_page_of_another_course_is_found_as_any_public_page(
    client, home_page, publish, translate
):
    other = publish(CoursePageFactory(parent=home_page, title="Cooperative banking"))
    translate()
    client.force_login(member("es"))

    assert f'data-page="{other.pk}"' in found(client, "banking")
