"""One tree of pages, one URL per page in every language (issue 12).

Publishing a page used to make wagtail-localize's per-language trees answer 404 to readers of
a language the page had no published copy in. Pages are now one tree: every live page answers
at the same URL in every interface language, however the reader chose it, after new pages
are published. Migration `courses.0007_one_page_tree` brings existing sites there: the copies
go, and what pointed at them points at their source.
"""

from __future__ import annotations

from importlib import import_module

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.urls import reverse
from machina.core.db.models import get_model
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import (
    Locale,
    Page,
    Revision,
    Site,
    TaskState,
    WorkflowState,
)

from cms.models import HomePage
from courses.editorial import course_review_workflow
from courses.enrollment import enroll
from courses.models import Application, CaseStudyPage, Enrollment, Role, WeekPage
from forum.mirror import mirror_week
from forum.models import (
    CommunityOfPractice,
    CourseCategory,
    KeyRespondentQuestion,
    QuestionTopic,
    WeekForum,
)
from members.languages import LANGUAGE_CODES
from proceedings.models import ProceedingsPage
from tests.factories import CaseStudyPageFactory, UserFactory, WeekPageFactory
from tests.forum.helpers import member
from translations.models import GlossaryTerm

pytestmark = pytest.mark.django_db

Forum = get_model("forum", "Forum")
migration = import_module("courses.migrations.0007_one_page_tree")


def models_before(app_label: str, name: str):
    """The models as a migration sees them (historical models), just before it runs."""
    loader = MigrationLoader(connection)
    return loader.project_state((app_label, name), at_end=False).apps


def run_the_migration() -> None:
    # The schema editor is only asked to run SQL: not entered, so SQLite keeps its
    # foreign-key checks on inside the test's transaction.
    migration.one_page_tree(
        models_before("courses", "0007_one_page_tree"), connection.schema_editor()
    )


def publish(page, user=None):
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page.specific


def url_of(page) -> str:
    return page.specific.relative_url(Site.objects.get(is_default_site=True))


def status_in(client, page, language: str) -> int:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(url_of(page)).status_code


# ---------------------------------------------------------------------------
# Every live page answers 200 at its one URL in every language, after publishing
# ---------------------------------------------------------------------------
@pytest.fixture
def cohort(course, week, organizer):
    """A live course and week with a case study; then a new week and a new case study are
    published, as the failure of issue 12 happened right after a publish."""
    publish(course, organizer)
    publish(week, organizer)
    first_study = publish(CaseStudyPageFactory(parent=week, live=False), organizer)
    new_week = publish(WeekPageFactory(parent=course, live=False), organizer)
    new_study = publish(CaseStudyPageFactory(parent=new_week, live=False, language="fr"), organizer)
    proceedings = new_week.add_child(
        instance=ProceedingsPage(
            title="Synthèse et actes", slug="actes", language_written="fr", live=False
        )
    )
    proceedings = publish(proceedings, organizer)
    return {
        "home": [course.get_parent()],
        "course": [course],
        "week": [week, new_week],
        "case study": [first_study, new_study],
        "proceedings": [proceedings],
    }


def reader_in(client, language: str, way: str) -> None:
    if way == "switch":
        response = client.post(reverse("set_language"), {"language": language, "next": "/"})
        assert response.status_code == 302
    elif way == "cookie":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    else:
        client.force_login(member(language))


@pytest.mark.parametrize("page_type", ["home", "course", "week", "case study", "proceedings"])
@pytest.mark.parametrize("way", ["switch", "cookie", "profile"])
@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_every_live_page_answers_at_its_one_url_in_every_language_after_publishing(
    client, cohort, language, way, page_type
):
    reader_in(client, language, way)

    for page in cohort[page_type]:
        response = client.get(url_of(page))

        assert response.status_code == 200, (page.title, language, way)
        assert f'<html lang="{language}">' in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_a_copy_of_pages_in_another_locale_never_takes_over_their_urls(
    client, course, week, organizer, language
):
    """The failure of issue 12: Spanish and French copies of the home and course pages (as
    wagtail-localize made them) sent their readers to the copies, where a week published since
    answered 404."""
    publish(course, organizer)
    for code in ("es", "fr"):
        copy = course.copy_for_translation(
            Locale.objects.get(language_code=code), copy_parents=True
        )
        # The copy of the home page, live (wagtail-localize made it an alias).
        Page.objects.filter(pk=copy.get_parent().pk).update(live=True)
        publish(copy)
    publish(week, organizer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    response = client.get(url_of(week))

    assert response.status_code == 200
    assert week.title in response.content.decode()


def test_publishing_pages_leaves_one_page_per_url_in_the_default_locale(cohort):
    pages = Page.objects.filter(depth__gt=1)

    assert {page.locale.language_code for page in pages} == {settings.LANGUAGE_CODE}
    assert len({page.url_path for page in pages}) == pages.count()


# ---------------------------------------------------------------------------
# courses.0007: a site made with wagtail-localize's copies
# ---------------------------------------------------------------------------
def copy_in(page, language: str):
    """A copy as wagtail-localize made them: same translation key, another locale, live."""
    copy = page.copy_for_translation(Locale.objects.get(language_code=language), copy_parents=True)
    copy.save_revision()
    Page.objects.filter(pk=copy.pk).update(live=True)
    return Page.objects.get(pk=copy.pk).specific


def create_localize_tables() -> None:
    """Two of wagtail-localize's tables, with foreign keys like theirs, left by its app."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE wagtail_localize_translationsource (id integer PRIMARY KEY)")
        cursor.execute(
            "CREATE TABLE wagtail_localize_translationlog (id integer PRIMARY KEY,"
            " source_id integer REFERENCES wagtail_localize_translationsource (id),"
            " revision_id integer REFERENCES wagtailcore_revision (id))"
        )


@pytest.fixture
def old_site(home_page, course, week, organizer):
    """The shape wagtail-localize left: Spanish and French copies of the home page, the course,
    its weeks and a case study, some of them holding rows of their own."""
    publish(course, organizer)
    publish(week, organizer)  # its forum, category and question topics name the sources
    study = publish(CaseStudyPageFactory(parent=week, live=False), organizer)
    draft_week = WeekPageFactory(parent=course, live=False)
    draft_week.save_revision(user=organizer)
    site = {"course": course, "week": week, "study": study, "draft_week": draft_week}
    for language in ("es", "fr"):
        site[f"{language} course"] = copy_in(course, language)
        site[f"{language} home"] = site[f"{language} course"].get_parent().specific
        site[f"{language} week"] = copy_in(week, language)
        site[f"{language} study"] = copy_in(study, language)
        site[f"{language} draft_week"] = copy_in(draft_week, language)
    es, fr = (
        {key.split(" ")[1]: page for key, page in site.items() if key.startswith(f"{lang} ")}
        for lang in ("es", "fr")
    )
    # The Spanish copy of the course was mirrored first, and the Spanish copy of the draft
    # week was published (its source never was): their forum rows name the copies.
    CourseCategory.objects.filter(course=course).update(course=es["course"])
    week_forum = mirror_week(es["draft_week"], poster=organizer)
    topic = QuestionTopic.objects.filter(week=es["draft_week"]).first().topic
    site["question"] = KeyRespondentQuestion.objects.create(
        post=topic.first_post, week=es["draft_week"]
    )
    site["week forum"] = week_forum
    # Rows made through copies.
    respondent, participant, applicant = UserFactory(), UserFactory(), UserFactory()
    Enrollment.objects.bulk_create(
        [
            Enrollment(course=course, user=respondent, role=Role.KEY_RESPONDENT, week=fr["week"]),
            Enrollment(course=fr["course"], user=participant, role=Role.PARTICIPANT),
        ]
    )
    site["respondent"], site["participant"] = respondent, participant
    site["application"] = Application.objects.create(course=es["course"], user=applicant)
    site["term"] = GlossaryTerm.objects.create(
        course=fr["course"], term_es="economía social", term_fr="économie sociale"
    )
    site["community"] = CommunityOfPractice.objects.create(course=es["course"], name="Crédito")
    site["es site"] = Site.objects.create(hostname="es.example.org", root_page=es["home"])
    site["redirect"] = Redirect.objects.create(old_path="/estudio", redirect_page=es["study"])
    author = UserFactory()
    course_review_workflow(course).start(fr["study"], author)
    # A page written straight in the Spanish tree: no copy of anything, it stays.
    site["spanish only"] = CaseStudyPageFactory(
        parent=es["week"], title="Solo en español", slug="solo", language="es"
    )
    create_localize_tables()
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO wagtail_localize_translationsource (id) VALUES (1)")
        cursor.execute(
            "INSERT INTO wagtail_localize_translationlog (id, source_id, revision_id)"
            " VALUES (1, 1, %s)",
            [fr["study"].latest_revision_id],
        )
    MigrationRecorder(connection).record_applied("wagtail_localize", "0001_initial")
    site["copies"] = [
        page.pk for key, page in site.items() if key.startswith(("es ", "fr ")) and key != "es site"
    ]
    return site


def test_the_migration_leaves_one_tree_of_sources_in_the_default_locale(old_site):
    sources = [old_site[name] for name in ("course", "week", "study", "draft_week")]
    revisions_of_sources = Revision.objects.filter(
        object_id__in=[str(page.pk) for page in sources]
    ).count()
    copies = [str(pk) for pk in old_site["copies"]]
    assert HomePage.objects.count() == 3  # the old shape: a home page per language
    assert Revision.objects.filter(object_id__in=copies).exists()
    assert TaskState.objects.exists()

    run_the_migration()

    assert not Page.objects.filter(pk__in=old_site["copies"]).exists()
    keys = list(Page.objects.values_list("translation_key", flat=True))
    assert len(keys) == len(set(keys))
    assert set(Page.objects.values_list("locale__language_code", flat=True)) == {"en"}
    assert not any(Page.find_problems()), Page.find_problems()
    assert HomePage.objects.count() == 1
    assert not Revision.objects.filter(object_id__in=copies).exists()
    assert (
        Revision.objects.filter(object_id__in=[str(page.pk) for page in sources]).count()
        == revisions_of_sources
    )
    assert not WorkflowState.objects.filter(object_id=str(old_site["fr study"].pk)).exists()
    assert not TaskState.objects.exists()
    connection.check_constraints()


def test_the_migration_keeps_a_page_written_under_a_copy_under_its_source(old_site, client):
    run_the_migration()

    page = Page.objects.get(pk=old_site["spanish only"].pk)
    assert page.get_parent().pk == old_site["week"].pk
    assert page.url_path == f"{old_site['week'].url_path}solo/"
    assert page.locale.language_code == "en"
    for language in LANGUAGE_CODES:
        assert status_in(client, page, language) == 200


def test_after_the_migration_every_live_page_answers_in_every_language(old_site, client):
    run_the_migration()

    live = Page.objects.live().filter(depth__gt=1)
    assert live.count() == 5  # home, course, week, its case study, the Spanish one
    for page in live:
        for language in LANGUAGE_CODES:
            assert status_in(client, page, language) == 200, (page.title, language)


def test_the_migration_points_every_row_of_a_copy_at_its_source(old_site):
    course, week, draft_week = old_site["course"], old_site["week"], old_site["draft_week"]

    run_the_migration()

    assert CourseCategory.objects.get().course_id == course.pk
    week_forum = WeekForum.objects.get(pk=old_site["week forum"].pk)
    assert week_forum.week_id == draft_week.pk
    assert week_forum.hidden  # its week is a draft: its forum closes until it is published
    assert WeekForum.objects.get(week=week)
    assert QuestionTopic.objects.filter(week=draft_week).count() == len(draft_week.questions)
    assert KeyRespondentQuestion.objects.get().week_id == draft_week.pk
    assert Enrollment.objects.get(user=old_site["respondent"]).week_id == week.pk
    assert Enrollment.objects.get(user=old_site["participant"]).course_id == course.pk
    assert Application.objects.get(pk=old_site["application"].pk).course_id == course.pk
    assert GlossaryTerm.objects.get(pk=old_site["term"].pk).course_id == course.pk
    assert CommunityOfPractice.objects.get(pk=old_site["community"].pk).course_id == course.pk
    assert Site.objects.get(hostname="es.example.org").root_page_id == course.get_parent().pk
    assert Redirect.objects.get(pk=old_site["redirect"].pk).redirect_page_id == (
        old_site["study"].pk
    )


def test_the_migration_drops_wagtail_localizes_tables_and_forgets_its_migrations(old_site):
    run_the_migration()

    tables = connection.introspection.table_names()
    assert not [table for table in tables if table.startswith("wagtail_localize_")]
    assert not MigrationRecorder(connection).migration_qs.filter(app="wagtail_localize").exists()


def test_on_a_site_without_copies_the_migration_changes_no_page(cohort):
    before = list(Page.objects.order_by("pk").values_list("pk", "path", "url_path", "numchild"))

    run_the_migration()
    run_the_migration()

    after = list(Page.objects.order_by("pk").values_list("pk", "path", "url_path", "numchild"))
    assert after == before


def test_a_course_enrolls_and_serves_its_members_after_the_migration(old_site, client):
    """The course, its forum and its people are whole: a new member reads the week's forum."""
    run_the_migration()
    reader = member("es")
    enroll(course=old_site["course"], user=reader, role=Role.PARTICIPANT)
    client.force_login(reader)

    week = WeekPage.objects.get(pk=old_site["week"].pk)
    forum = WeekForum.objects.get(week=week).forum
    response = client.get(reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk}))

    assert response.status_code == 200
    assert CaseStudyPage.objects.count() == 2
