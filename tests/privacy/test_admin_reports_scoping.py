"""Wagtail's and wagtail-localize's admin reports and translation forms: an organizer of one
course never reads the title of another course's draft week or case study in review there."""

from __future__ import annotations

import pytest
from django.urls import resolve, reverse
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from courses import localize, reports
from tests.factories import CaseStudyPageFactory, UserFactory, WeekPageFactory

pytestmark = pytest.mark.django_db

DRAFT = "SekretDraftWeekB"
CASE_STUDY = "SekretCaseStudyB"
OWN_WEEK = "Our own week in progress"
PAGE_TYPES_URLS = [
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:page_types_usage_results",
]
TRANSLATIONS_URLS = [
    "wagtail_localize:translations_report",
    "wagtail_localize:translations_report_results",
]


@pytest.fixture
def organizer_b(other_course):
    return UserFactory(username="organizer-b")


@pytest.fixture
def own_week(course, organizer):
    """Course A's week, edited before the other course's pages (they are the last edited)."""
    course.save_revision(user=organizer).publish(user=organizer)
    week = WeekPageFactory(parent=course, title=OWN_WEEK, live=False)
    week.save_revision(user=organizer)
    return week


@pytest.fixture
def other_draft(other_course, organizer_b, own_week):
    draft = WeekPageFactory(parent=other_course, title=DRAFT, live=False)
    draft.save_revision(user=organizer_b)
    return draft


@pytest.fixture
def other_case_study(other_draft, organizer_b):
    case_study = CaseStudyPageFactory(parent=other_draft, title=CASE_STUDY, live=False)
    case_study.save_revision(user=organizer_b)
    return case_study


@pytest.fixture
def superuser():
    return UserFactory(username="root", is_superuser=True, is_staff=True)


def submit_for_french_translation(client, user, page) -> TranslationSource:
    client.force_login(user)
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [Locale.objects.get(language_code="fr").pk]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    return TranslationSource.objects.get(object_id=page.translation_key)


@pytest.fixture
def other_draft_in_translation(client, other_draft, organizer_b):
    return submit_for_french_translation(client, organizer_b, other_draft)


# ---------------------------------------------------------------------------
# Page types usage (Wagtail)
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", PAGE_TYPES_URLS)
def test_the_page_types_report_names_no_page_of_another_course(
    client, organizer, other_case_study, name
):
    client.force_login(organizer)

    response = client.get(reverse(name))

    html = response.content.decode()
    assert response.status_code == 200
    assert DRAFT not in html
    assert CASE_STUDY not in html


def test_the_page_types_report_names_the_organizers_own_last_edited_week(
    client, organizer, other_case_study
):
    client.force_login(organizer)

    html = client.get(reverse("wagtailadmin_reports:page_types_usage_results")).content.decode()

    assert OWN_WEEK in html


def test_the_page_types_report_counts_only_the_pages_the_organizer_may_explore(
    client, organizer, other_case_study
):
    client.force_login(organizer)

    response = client.get(reverse("wagtailadmin_reports:page_types_usage_results"))

    counts = {row.model: row.count for row in response.context["object_list"]}
    assert counts["casestudypage"] == 0
    assert counts["weekpage"] == 1  # their own, not the other course's draft


def test_a_superuser_sees_every_courses_last_edited_pages_in_the_page_types_report(
    client, superuser, other_case_study
):
    client.force_login(superuser)

    html = client.get(reverse("wagtailadmin_reports:page_types_usage_results")).content.decode()

    assert DRAFT in html
    assert CASE_STUDY in html


# ---------------------------------------------------------------------------
# wagtail-localize: submitting a page, syncing its translations, the translations report
# ---------------------------------------------------------------------------
def test_an_organizer_may_not_open_the_translate_form_of_another_courses_page(
    client, organizer, other_draft
):
    client.force_login(organizer)

    response = client.get(
        reverse("wagtail_localize:submit_page_translation", args=[other_draft.pk])
    )

    assert response.status_code == 404
    assert DRAFT not in response.content.decode()


def test_an_organizer_may_not_submit_another_courses_page_for_translation(
    client, organizer, other_draft
):
    client.force_login(organizer)

    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[other_draft.pk]),
        {"locales": [Locale.objects.get(language_code="fr").pk]},
    )

    assert response.status_code == 404
    assert not TranslationSource.objects.filter(object_id=other_draft.translation_key).exists()


def test_an_organizer_opens_the_translate_form_of_their_own_page(client, organizer, own_week):
    client.force_login(organizer)

    response = client.get(reverse("wagtail_localize:submit_page_translation", args=[own_week.pk]))

    assert response.status_code == 200
    assert OWN_WEEK in response.content.decode()


def test_an_organizer_may_not_open_the_sync_form_of_another_courses_translations(
    client, organizer, other_draft_in_translation
):
    client.force_login(organizer)

    response = client.get(
        reverse("wagtail_localize:update_translations", args=[other_draft_in_translation.pk])
    )

    assert response.status_code == 404
    assert DRAFT not in response.content.decode()


def test_the_courses_own_organizer_opens_the_sync_form_of_its_translations(
    client, organizer_b, other_draft_in_translation
):
    client.force_login(organizer_b)

    response = client.get(
        reverse("wagtail_localize:update_translations", args=[other_draft_in_translation.pk])
    )

    assert response.status_code == 200
    assert DRAFT in response.content.decode()


def test_an_organizer_may_not_sync_a_translation_that_now_lies_in_another_course(
    client, organizer, own_week, other_course
):
    source = submit_for_french_translation(client, organizer, own_week)
    french = source.translations.get().get_target_instance()
    french.move(other_course, pos="last-child")  # as a superuser might, by mistake
    client.force_login(organizer)

    response = client.get(reverse("wagtail_localize:update_translations", args=[source.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("name", TRANSLATIONS_URLS)
def test_the_translations_report_lists_no_translation_of_another_courses_page(
    client, organizer, own_week, other_draft_in_translation, name
):
    submit_for_french_translation(client, organizer, own_week)
    client.force_login(organizer)

    response = client.get(reverse(name))

    html = response.content.decode()
    assert response.status_code == 200
    assert DRAFT not in html
    assert OWN_WEEK in html


def test_the_courses_own_organizer_finds_its_translations_in_the_report(
    client, organizer_b, other_draft_in_translation
):
    client.force_login(organizer_b)

    html = client.get(reverse("wagtail_localize:translations_report_results")).content.decode()

    assert DRAFT in html


def test_a_superuser_finds_every_translation_in_the_report(
    client, superuser, other_draft_in_translation
):
    client.force_login(superuser)

    html = client.get(reverse("wagtail_localize:translations_report_results")).content.decode()

    assert DRAFT in html


def test_the_reports_and_forms_urls_still_reach_the_narrowed_views():
    """Should Wagtail or wagtail-localize move these URLs, ours would no longer stand in."""
    expected = {reverse(name): reports.PageTypesUsageView for name in PAGE_TYPES_URLS} | {
        reverse(name): localize.TranslationsReportView for name in TRANSLATIONS_URLS
    }
    expected[reverse("wagtail_localize:submit_page_translation", args=[1])] = (
        localize.SubmitPageTranslationView
    )
    expected[reverse("wagtail_localize:update_translations", args=[1])] = (
        localize.UpdateTranslationsView
    )

    reached = {url: resolve(url).func.view_class for url in expected}

    assert reached == expected
