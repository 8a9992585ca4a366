"""The proceedings page: in the reader's language (quotes translated, labelled, their
original one click away), the theme × region matrix linking to its cells, and only what
the compilation allows (never a private community's post); drafted, submitted and approved
through the course's review like a case study."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import WorkflowState
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.editorial import CASE_STUDY_WORKFLOW
from proceedings.compile import cell_anchor
from proceedings.models import ProceedingsPage
from tests.forum.helpers import member
from tests.proceedings.compile_world import (
    ANA_ES,
    HIDDEN_ES,
    LEFT_OUT_ES,
    LOUIS_FR,
    NINA_ES,
    PRIVATE_ES,
    SARAH_EN,
    UNAPPROVED_ES,
    build_world,
    translation_of,
)
from translations.models import TextTranslation
from translations.shown_texts import texts_of
from translations.texts import translate_due_texts

pytestmark = pytest.mark.django_db

NEVER_SHOWN = [SARAH_EN, NINA_ES, LEFT_OUT_ES, UNAPPROVED_ES, HIDDEN_ES, PRIVATE_ES]


@pytest.fixture
def world(course, organizer):
    return build_world(course, organizer)


@pytest.fixture
def page(world):
    page = ProceedingsPage(
        title="Synthesis and proceedings",
        slug="proceedings",
        language_written="en",
        introduction="<p>What the cohort learned about policy.</p>",
        syntheses=[
            (
                "theme",
                {"theme": world.capital, "synthesis": RichText("<p>Credit unions matter.</p>")},
            )
        ],
        conclusions="<p>Recognise the sector in law.</p>",
    )
    world.week.add_child(instance=page)
    page.save_revision(user=world.organizer).publish(user=world.organizer)
    translate_due_texts()
    return page


def html_for(client, page, language: str) -> str:
    client.force_login(member(language))
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["es", "fr", "en"])
def test_the_page_shows_each_quote_in_the_readers_language_with_its_original(
    client, world, page, language
):
    html = html_for(client, page, language)

    for name, original in (("ana", ANA_ES), ("louis", LOUIS_FR)):
        passage = world.passages[name]
        if passage.language == language:
            assert original.split(" ")[0] in html
            continue
        translated = translation_of(passage, language)
        assert f'<div data-version="translation" lang="{language}"><p>' in html
        assert translated.split(" ")[1] in html
        assert f'data-version="original" lang="{passage.language}" hidden' in html


def test_the_page_labels_a_machine_translated_quote_in_the_interface_language(client, world, page):
    html = html_for(client, page, "fr")

    assert "Traduction automatique (original en espagnol)" in html
    assert "Afficher l&#x27;original" in html or "Afficher l'original" in html


def test_the_page_is_written_in_the_interface_language(client, world, page, settings):
    client.force_login(member("es"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"

    html = client.get(page.url).content.decode()

    assert "Temas y regiones" in html
    assert "Participación" in html
    assert "una persona participante de Ecuador" in html


def test_the_page_shows_its_synthesis_introduction_and_conclusions(client, world, page):
    html = html_for(client, page, "en")

    assert "Credit unions matter." in html
    assert "What the cohort learned about policy." in html
    assert "Recognise the sector in law." in html


def test_the_matrix_links_each_count_to_its_cell(client, world, page):
    html = html_for(client, page, "en")

    anchor = cell_anchor(world.capital, world.ecuador)
    assert f'<a href="#{anchor}">1</a>' in html
    assert f'id="{anchor}"' in html


def test_attribution_is_only_as_consented(client, world, page):
    html = html_for(client, page, "en")

    assert "Louis Bergeron" in html
    assert "a participant from Ecuador" in html
    assert "Ana Morales" not in html


@pytest.mark.parametrize("reader", ["visitor", "participant", "organizer"])
def test_no_reader_sees_a_post_that_may_not_be_quoted(client, world, page, reader):
    if reader == "participant":
        client.force_login(world.people["ana"])  # a member of the private community
    elif reader == "organizer":
        client.force_login(world.organizer)

    html = client.get(page.url).content.decode()

    for text in NEVER_SHOWN:
        assert text.split(":")[-1].strip()[:30] not in html


def test_the_page_shows_participation_figures(client, world, page):
    html = html_for(client, page, "en")

    assert "Replies in another language than the discussion they answer" in html
    assert "Spanish: " in html


def test_a_translator_post_edits_a_synthesis_which_readers_then_see_as_reviewed(
    client, world, page, translator
):
    """Post-editable by translators, like every page: the queue lists the synthesis of a
    theme, the translator's text replaces the machine's and is labelled reviewed."""
    field = f"{page.syntheses[0].id}.synthesis"
    row = TextTranslation.objects.get(
        source__content_type=ContentType.objects.get_for_model(ProceedingsPage),
        source__object_id=page.pk,
        source__field=field,
        language="es",
    )
    client.force_login(translator)
    queue = client.get("/forum/translations/review/", {"kind": "pages"}).content.decode()
    assert f'data-text-translation="{row.pk}"' in queue

    response = client.post(
        reverse("text_translation_edit", args=[row.pk]),
        {"text": "<p>Las cooperativas de ahorro importan mucho.</p>", "digest": row.source.digest},
    )

    assert response.status_code == 302
    html = html_for(client, page, "es")
    assert "Las cooperativas de ahorro importan mucho." in html
    assert texts_of([page], language="es")[0].texts[field].state == "reviewed"


# --- Drafted, submitted and approved through the course's review -------------------------


def proceedings_form(world, **overrides):
    data = {
        "title": "Proceedings",
        "slug": "proceedings-draft",
        "language_written": "en",
        "introduction": rich_text("<p>Intro.</p>"),
        "syntheses": streamfield(
            [("theme", {"theme": world.capital.pk, "synthesis": rich_text("<p>S.</p>")})]
        ),
        "conclusions": rich_text("<p>End.</p>"),
        "include_case_studies": "on",
        "comments": {
            "TOTAL_FORMS": 0,
            "INITIAL_FORMS": 0,
            "MIN_NUM_FORMS": 0,
            "MAX_NUM_FORMS": 1000,
        },
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("proceedings", "proceedingspage", parent.pk))


def test_proceedings_go_through_the_courses_review(world):
    page = ProceedingsPage(title="Actas", slug="actas")
    world.week.add_child(instance=page)

    assert page.get_workflow().name == f"{CASE_STUDY_WORKFLOW} {world.course.title}"


def test_an_organizer_drafts_and_submits_proceedings_then_another_approves(client, world, course):
    from courses.enrollment import enroll
    from courses.models import Role
    from tests.factories import UserFactory

    client.force_login(world.organizer)
    response = client.post(add_url(world.week), proceedings_form(world, **{"action-submit": "1"}))

    assert response.status_code == 302
    page = ProceedingsPage.objects.child_of(world.week).get()
    assert not page.live
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    reviewer = UserFactory(username="second-organizer")
    enroll(course=course, user=reviewer, role=Role.ORGANIZER)
    client.force_login(reviewer)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(page.pk, "approve", state.current_task_state.pk),
        )
    )

    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert page.syntheses[0].value["theme"] == world.capital


def test_a_participant_cannot_add_proceedings(client, world):
    client.force_login(world.people["ana"])

    response = client.post(add_url(world.week), proceedings_form(world))

    assert response.status_code in (302, 403)
    assert not ProceedingsPage.objects.exists()


def test_an_organizer_of_another_course_cannot_approve(client, world, home_page):
    from courses.enrollment import enroll
    from courses.models import Role
    from tests.factories import CoursePageFactory, UserFactory

    client.force_login(world.organizer)
    client.post(add_url(world.week), proceedings_form(world, **{"action-submit": "1"}))
    page = ProceedingsPage.objects.child_of(world.week).get()
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    stranger = UserFactory(username="stranger")
    enroll(course=CoursePageFactory(parent=home_page), user=stranger, role=Role.ORGANIZER)
    client.force_login(stranger)

    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(page.pk, "approve", state.current_task_state.pk),
        )
    )

    page.refresh_from_db()
    assert not page.live


@pytest.mark.parametrize("language", ["es", "fr", "en"])
def test_the_week_and_the_course_link_to_their_proceedings_in_the_readers_language(
    client, world, page, language
):
    """Readers find the proceedings from the week they are under and from the course page,
    their title in the reader's language (translated like every page text)."""
    title = page.title if language == "en" else translation_of_page_title(page, language)
    for parent in (world.week, world.course):
        html = html_for(client, parent, language)
        assert f'href="{page.url}"' in html
        assert escape(title) in html


def test_a_draft_proceedings_page_is_not_linked(client, world, page):
    page.unpublish()
    for parent in (world.week, world.course):
        assert f'href="{page.url}"' not in html_for(client, parent, "en")


def translation_of_page_title(page, language: str) -> str:
    from translations.shown_texts import translated_text

    text = translated_text(page, "title", language=language, original=page.title)
    assert text, "the title's translation is done"
    assert text != page.title
    return text
