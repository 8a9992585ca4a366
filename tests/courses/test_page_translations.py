"""Pages are read in every language: each text translated on publish, labelled, same URL."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from tests.factories import CaseStudyPageFactory, WeekPageFactory
from tests.forum.helpers import member
from translations import texts as text_pipeline
from translations.errors import TransientTranslationError
from translations.models import TextSource, TextTranslation
from translations.shown_texts import translated_text
from translations.texts import translate_due_texts

pytestmark = pytest.mark.django_db

Status = TextTranslation.Status


def publish(page):
    page.save_revision().publish()
    return page.__class__.objects.get(pk=page.pk)


@pytest.fixture
def english_week(course, django_capture_on_commit_callbacks):
    week = WeekPageFactory(
        parent=course,
        title="Access to capital",
        theme="How cooperatives find money",
        introduction="<p>This week we read about <b>social finance</b> in Quebec.</p>",
        language_written="en",
        readings=[
            (
                "link",
                {
                    "title": "The social economy in Quebec",
                    "url": "https://example.org/",
                    "language": "en",
                },
            ),
            (
                "excerpt",
                {
                    "title": "La economía social en Ecuador",
                    "excerpt": "<p>Las cooperativas necesitan crédito.</p>",
                    "source": "Informe 2008",
                    "language": "es",
                },
            ),
        ],
    )
    with django_capture_on_commit_callbacks(execute=False):
        week = publish(week)
    return week


def sources_of(page) -> dict[str, TextSource]:
    return {
        source.field: source
        for source in TextSource.objects.filter(
            content_type=ContentType.objects.get_for_model(page), object_id=page.pk
        )
    }


def test_publishing_a_week_records_each_text_with_its_own_language_and_queues_the_others(
    english_week,
):
    sources = sources_of(english_week)
    reading_excerpt = next(
        source for field, source in sources.items() if field.endswith(".excerpt")
    )
    assert sources["title"].language == "en"
    assert sources["introduction"].kind == "html"
    assert reading_excerpt.language == "es"  # the reading's own language, not the week's
    assert {row.language for row in sources["title"].translations.all()} == {"es", "fr"}
    assert {row.language for row in reading_excerpt.translations.all()} == {"en", "fr"}
    assert set(
        TextTranslation.objects.filter(source__in=sources.values()).values_list("status", flat=True)
    ) == {Status.PENDING}


def test_a_spanish_reader_reads_the_week_in_spanish_labelled_with_the_original_at_hand(
    client, english_week
):
    assert translate_due_texts() > 0
    client.force_login(member("es"))

    html = client.get(english_week.url).content.decode()

    assert "Acceso a capital" in html or "Acceso al capital" in html
    assert "esta semana" in html.lower()
    # The original is one click away, hidden until asked for.
    assert 'data-version="original" lang="en" hidden' in html
    assert "Access to capital" in html
    assert "data-toggle-original" in html
    # The questions too.
    assert "economía social" in html.lower()


def test_the_same_url_answers_every_language(client, english_week):
    translate_due_texts()
    for language, expected in [("fr", "capital"), ("en", "Access to capital"), ("es", "capital")]:
        client.force_login(member(language))
        response = client.get(english_week.url)
        assert response.status_code == 200
        assert expected in response.content.decode()


def test_a_reader_of_the_original_language_sees_no_translation_label(client, english_week):
    translate_due_texts()
    client.force_login(member("en"))
    html = client.get(english_week.url).content.decode()
    assert "Machine-translated" not in html.split("Readings")[0]
    assert 'data-version="translation"' not in html.split("Readings")[0]


def test_without_javascript_show_original_renders_the_originals(client, english_week):
    translate_due_texts()
    client.force_login(member("es"))
    html = client.get(english_week.url + "?original=page").content.decode()
    assert 'data-version="original" lang="en">' in html
    assert 'data-version="translation" lang="es" hidden' in html


def test_a_french_case_study_under_an_english_week_is_translated_from_french(
    client, english_week, django_capture_on_commit_callbacks
):
    case_study = CaseStudyPageFactory(
        parent=english_week,
        title="Le Chantier de l'économie sociale",
        abstract="Une politique construite avec les acteurs.",
        body="<p>Le gouvernement du Québec a soutenu les coopératives.</p>",
        language="fr",
    )
    with django_capture_on_commit_callbacks(execute=False):
        case_study = publish(case_study)
    translate_due_texts()
    client.force_login(member("es"))

    html = client.get(case_study.url).content.decode()

    assert "Translated" not in html  # labels are in the reader's interface language
    assert "cooperativas" in html.lower()
    assert 'data-version="original" lang="fr" hidden' in html
    # A French reader reads it as written.
    client.force_login(member("fr"))
    html = client.get(case_study.url).content.decode()
    assert 'data-version="translation"' not in html.split("<footer")[0].split("case-study-title")[1]


def test_publishing_again_unchanged_asks_for_nothing(english_week):
    translate_due_texts()
    done_before = TextTranslation.objects.filter(status=Status.DONE).count()
    publish(english_week)
    assert TextTranslation.objects.filter(status=Status.PENDING).count() == 0
    assert TextTranslation.objects.filter(status=Status.DONE).count() == done_before


def test_an_edited_text_shows_its_new_original_while_its_translation_is_in_progress(
    client, english_week
):
    translate_due_texts()
    english_week.title = "Access to credit"
    english_week = publish(english_week)
    client.force_login(member("es"))

    html = client.get(english_week.url).content.decode()

    assert "Access to credit" in html
    assert "Acceso a capital" not in html
    assert "Acceso al capital" not in html
    assert "Traducción en curso" in html  # labelled while the worker runs
    title = sources_of(english_week)["title"]
    assert title.translations.filter(status=Status.PENDING).count() == 2


def test_a_translators_text_is_kept_until_the_source_changes(english_week):
    translate_due_texts()
    row = sources_of(english_week)["theme"].translations.get(language="es")
    row.text, row.reviewed_at = "Cómo encuentran dinero las cooperativas", row.translated_at
    row.save()

    publish(english_week)  # unchanged: the translator's text stays
    row.refresh_from_db()
    assert row.is_reviewed
    assert row.text == "Cómo encuentran dinero las cooperativas"

    english_week.theme = "Where cooperatives find money"
    publish(english_week)
    row.refresh_from_db()
    assert not row.is_reviewed
    assert row.source_changed_since_review
    assert row.status == Status.PENDING


class DownEngine:
    name = "apertium"
    is_online = False

    def translate_batch(self, texts, source, target):
        raise TransientTranslationError("engine down")


def test_an_engine_that_is_down_delays_page_translations_and_never_drops_them(
    english_week, monkeypatch
):
    sent = []
    monkeypatch.setattr(
        text_pipeline, "announce_texts", lambda countdown=None: sent.append(countdown)
    )

    assert translate_due_texts(engine=DownEngine()) == 0

    rows = TextTranslation.objects.all()
    assert set(rows.values_list("status", flat=True)) == {Status.PENDING}
    assert all(row.retry_at is not None for row in rows)
    assert all(row.last_error for row in rows)
    assert sent  # the task comes back by itself
    assert sent[0] > 0
    rows.update(retry_at=None)
    assert translate_due_texts() == rows.count() or rows.filter(status=Status.DONE).exists()
    assert not TextTranslation.objects.filter(status=Status.PENDING).exists()


def test_a_week_with_no_language_set_detects_each_text(course, django_capture_on_commit_callbacks):
    week = WeekPageFactory(
        parent=course,
        title="La economía social y solidaria en América Latina",
        theme="Les coopératives de travail au Québec et leurs politiques publiques",
        language_written="",
        questions=[],
    )
    with django_capture_on_commit_callbacks(execute=False):
        week = publish(week)
    translate_due_texts()
    sources = sources_of(week)
    assert sources["title"].language == "es"
    assert sources["theme"].language == "fr"
    assert {row.language for row in sources["title"].translations.all()} == {"fr", "en"}


def test_deleting_a_page_forgets_its_texts(english_week):
    english_week.delete()
    assert not TextSource.objects.filter(object_id=english_week.pk).exists()


def test_the_courses_glossary_applies_to_page_texts_and_a_new_term_retranslates_them(
    course, english_week
):
    from translations.models import GlossaryTerm

    translate_due_texts()
    theme = sources_of(english_week)["theme"]
    GlossaryTerm.objects.create(
        course=course, term_en="cooperatives", term_es="co-ops solidarias", term_fr="coops"
    )
    row = theme.translations.get(language="es")
    assert row.status == Status.PENDING  # the term's texts are translated again

    translate_due_texts()
    row.refresh_from_db()
    assert "co-ops solidarias" in row.text


def test_the_decision_email_names_the_course_in_the_applicants_language(
    course, django_capture_on_commit_callbacks, mailoutbox
):
    from courses.applications import send_decision
    from courses.models import Application

    course.title = "Policy for the social economy"
    with django_capture_on_commit_callbacks(execute=False):
        course = publish(course)
    translate_due_texts()
    applicant = member("es")
    applicant.email = "ana@example.org"
    applicant.save()
    application = Application.objects.create(course=course, user=applicant, status="accepted")

    send_decision(application)

    spanish = translated_text(course, "title", language="es")
    assert spanish != course.title
    assert spanish in mailoutbox[-1].subject


def test_a_short_text_falls_back_to_the_courses_language_not_its_authors(
    course, django_capture_on_commit_callbacks
):
    organizer = member("fr")  # a French organizer who writes the course in English
    course.language_written = "en"
    course.save()
    week = WeekPageFactory(
        parent=course, owner=organizer, title="Experiences", theme="", questions=[]
    )
    with django_capture_on_commit_callbacks(execute=False):
        week = publish(week)
    translate_due_texts()
    assert sources_of(week)["title"].language == "en"


def test_an_organizer_corrects_a_pages_language_in_the_admin_and_its_texts_follow(
    client, course, organizer, django_capture_on_commit_callbacks
):
    """Issue 12's failure: French text translated as if it were English. The organizer
    sets "written in" on the page's edit form; every text is then translated from French."""
    from django.urls import reverse

    week = WeekPageFactory(
        parent=course,
        title="Les coopératives de travail au Québec",
        theme="Comment les coopératives trouvent du crédit",
        language_written="en",
        questions=[],
    )
    with django_capture_on_commit_callbacks(execute=False):
        week = publish(week)
    translate_due_texts()
    assert sources_of(week)["title"].translations.get(language="es").source_language == "en"
    client.force_login(organizer)
    form = client.get(reverse("wagtailadmin_pages:edit", args=(week.pk,))).content.decode()
    assert 'name="language_written"' in form

    week.language_written = "fr"
    with django_capture_on_commit_callbacks(execute=False):
        week = publish(week)

    sources = sources_of(week)
    for field in ("title", "theme"):
        assert (sources[field].language, sources[field].chosen_by_author) == ("fr", True)
        assert set(sources[field].translations.values_list("language", "status")) == {
            ("es", Status.PENDING),
            ("en", Status.PENDING),
        }
    translate_due_texts()
    row = sources_of(week)["title"].translations.get(language="es")
    assert (row.status, row.source_language) == (Status.DONE, "fr")
    assert "cooperativas" in row.text.lower()
