from __future__ import annotations

import time

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text

from courses.editorial import CASE_STUDY_WORKFLOW, KEY_RESPONDENTS_GROUP, ORGANIZERS_GROUP
from courses.enrollment import enroll
from courses.models import CaseStudyPage, Role
from tests.factories import CaseStudyPageFactory, UserFactory, WeekPageFactory

pytestmark = pytest.mark.django_db


def case_study_form(**overrides):
    data = {
        "title": "Le Chantier de l'économie sociale",
        "slug": "chantier",
        "region": "Québec",
        "language": "fr",
        "abstract": "Comment le Chantier a porté la politique québécoise.",
        "body": rich_text("<p>Une étude de cas.</p>"),
        "policy_reflections": rich_text(""),
        "advocacy_experience": rich_text(""),
        "comments": {
            "TOTAL_FORMS": 0,
            "INITIAL_FORMS": 0,
            "MIN_NUM_FORMS": 0,
            "MAX_NUM_FORMS": 1000,
        },
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(week):
    return reverse("wagtailadmin_pages:add", args=("courses", "casestudypage", week.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def test_enrolling_a_key_respondent_puts_them_in_the_key_respondents_group(key_respondent):
    assert key_respondent.groups.filter(name=KEY_RESPONDENTS_GROUP).exists()


def test_enrolling_an_organizer_puts_them_in_the_organizers_group(organizer):
    assert organizer.groups.filter(name=ORGANIZERS_GROUP).exists()


def test_a_new_course_is_reviewed_by_its_own_case_study_workflow(course):
    workflow = course.get_workflow()
    assert workflow.name == f"{CASE_STUDY_WORKFLOW} {course.title}"
    assert workflow.tasks.get().name.endswith(f"(course {course.pk})")


def test_a_key_respondent_creates_a_case_study_under_their_week(client, week, key_respondent):
    client.force_login(key_respondent)

    response = client.post(add_url(week), case_study_form(authors=[key_respondent.pk]))

    assert response.status_code == 302
    page = CaseStudyPage.objects.child_of(week).get()
    assert page.owner == key_respondent
    assert not page.live


def test_a_key_respondent_edits_their_own_case_study(client, week, key_respondent):
    client.force_login(key_respondent)
    client.post(add_url(week), case_study_form(authors=[key_respondent.pk]))
    page = CaseStudyPage.objects.child_of(week).get()

    response = client.post(
        edit_url(page), case_study_form(title="Chantier et SENAES", authors=[key_respondent.pk])
    )

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().title == "Chantier et SENAES"


def test_a_key_respondent_cannot_edit_another_respondents_case_study(
    client, course, week, key_respondent
):
    other = UserFactory(username="other-respondent")
    enroll(course=course, user=other, role=Role.KEY_RESPONDENT, week=week)
    page = CaseStudyPageFactory(parent=week, owner=other)
    client.force_login(key_respondent)

    response = client.get(edit_url(page))

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_a_co_author_listed_on_a_case_study_may_edit_it(client, course, week, key_respondent):
    other = UserFactory(username="other-respondent")
    enroll(course=course, user=other, role=Role.KEY_RESPONDENT, week=week)
    page = CaseStudyPageFactory(parent=week, owner=other)
    page.authors.set([other, key_respondent])
    page.save()
    client.force_login(key_respondent)

    response = client.get(edit_url(page))

    assert response.status_code == 200


def test_a_key_respondent_cannot_add_a_case_study_to_another_week(
    client, course, week, key_respondent
):
    other_week = WeekPageFactory(parent=course)
    client.force_login(key_respondent)

    response = client.get(add_url(other_week))

    assert response.status_code == 302
    assert not CaseStudyPage.objects.exists()


def test_a_key_respondent_cannot_add_a_week(client, course, key_respondent):
    client.force_login(key_respondent)

    response = client.get(
        reverse("wagtailadmin_pages:add", args=("courses", "weekpage", course.pk))
    )

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_a_key_respondent_cannot_publish_directly(client, week, key_respondent):
    client.force_login(key_respondent)

    client.post(
        add_url(week), case_study_form(authors=[key_respondent.pk], **{"action-publish": "1"})
    )

    page = CaseStudyPage.objects.child_of(week).get()
    assert not page.live


def test_a_submitted_case_study_goes_live_when_an_organizer_approves_it(
    client, week, key_respondent, organizer
):
    client.force_login(key_respondent)
    client.post(
        add_url(week), case_study_form(authors=[key_respondent.pk], **{"action-submit": "1"})
    )
    page = CaseStudyPage.objects.child_of(week).get()
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    client.force_login(organizer)

    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(page.pk, "approve", state.current_task_state.pk),
        )
    )

    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_the_case_study_editor_shows_the_word_count(client, week, key_respondent):
    page = CaseStudyPageFactory(parent=week, owner=key_respondent, body="<p>uno dos tres</p>")
    client.force_login(key_respondent)

    response = client.get(edit_url(page))

    assert b"data-word-count-value>3<" in response.content
    assert b"courses/js/word_count.js" in response.content


def test_saving_a_case_study_above_900_words_warns_but_saves(client, week, key_respondent):
    client.force_login(key_respondent)
    long_body = rich_text("<p>" + "palabra " * 950 + "</p>")

    response = client.post(
        add_url(week), case_study_form(authors=[key_respondent.pk], body=long_body), follow=True
    )

    assert CaseStudyPage.objects.child_of(week).exists()
    messages = [str(m) for m in response.context["messages"]]
    assert any("950 words" in m for m in messages)


def test_an_approved_french_case_study_is_readable_in_spanish_and_english_moments_later(
    client, week, key_respondent, organizer, django_capture_on_commit_callbacks
):
    from tests.forum.helpers import member
    from translations.texts import translate_due_texts

    client.force_login(key_respondent)
    client.post(
        add_url(week), case_study_form(authors=[key_respondent.pk], **{"action-submit": "1"})
    )
    page = CaseStudyPage.objects.child_of(week).get()
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    client.force_login(organizer)
    with django_capture_on_commit_callbacks(execute=False):
        client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=(page.pk, "approve", state.current_task_state.pk),
            )
        )

    assert translate_due_texts() > 0  # what the worker does as soon as it is approved
    for language in ("es", "en"):
        client.force_login(member(language))
        html = client.get(page.url).content.decode()
        # The body, machine-translated from French, the original hidden beside it.
        assert f'<div data-version="translation" lang="{language}"><p>' in html
        assert 'data-version="original" lang="fr" hidden' in html
        assert "Une étude de cas." in html


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_makes_an_approved_french_case_study_readable_within_seconds(
    client, week, key_respondent, organizer, celery_worker
):
    """Issue 12's "done when": approval is the last manual step; the worker the approval
    wakes (no sweep, no command) translates every field into Spanish and English."""
    from django.contrib.contenttypes.models import ContentType

    from tests.forum.helpers import member
    from translations.models import TextTranslation

    client.force_login(key_respondent)
    client.post(
        add_url(week), case_study_form(authors=[key_respondent.pk], **{"action-submit": "1"})
    )
    page = CaseStudyPage.objects.child_of(week).get()
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    client.force_login(organizer)

    approved_at = time.monotonic()
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(page.pk, "approve", state.current_task_state.pk),
        )
    )
    rows = TextTranslation.objects.filter(
        source__content_type=ContentType.objects.get_for_model(CaseStudyPage),
        source__object_id=page.pk,
        language__in=["es", "en"],
    )
    while time.monotonic() - approved_at < 60 and (
        not rows.exists() or rows.exclude(status=TextTranslation.Status.DONE).exists()
    ):
        time.sleep(0.1)
    elapsed = time.monotonic() - approved_at

    statuses = sorted(rows.values_list("source__field", "language", "status"))
    assert rows.filter(status=TextTranslation.Status.DONE).count() == 2 * len(
        {field for field, _language, _status in statuses}
    ), statuses
    assert elapsed < 20, f"translated {elapsed:.1f} s after approval"
    for language in ("es", "en"):
        client.force_login(member(language))
        html = client.get(page.url).content.decode()
        assert f'<div data-version="translation" lang="{language}"><p>' in html
        assert 'data-version="original" lang="fr" hidden' in html
