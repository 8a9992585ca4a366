"""Page permissions per course: organizers and key respondents write only in their own course."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import (
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowState,
)
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.enrollment import change_role, enroll, save_enrollment, withdraw
from courses.models import CoursePage, Enrollment, Role, WeekPage
from tests.factories import CaseStudyPageFactory, CoursePageFactory, UserFactory, WeekPageFactory

pytestmark = pytest.mark.django_db

ADMIN_HOME = "/admin/"


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def week_form(week: WeekPage, **overrides) -> dict:
    data = {
        "title": week.title,
        "slug": week.slug,
        "number": week.number,
        "theme": week.theme,
        "opens_on": week.opens_on.isoformat(),
        "closes_on": week.closes_on.isoformat(),
        "introduction": rich_text(""),
        "readings": streamfield([]),
        "questions": streamfield([("question", {"text": "Why?"})]),
        "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0,
                     "MAX_NUM_FORMS": 1000},
    }  # fmt: skip
    data.update(overrides)
    return nested_form_data(data)


def page_url(name: str, page: Page, *more) -> str:
    return reverse(f"wagtailadmin_pages:{name}", args=(page.pk, *more))


def denied(response) -> bool:
    """Wagtail's admin answers a PermissionDenied with a redirect to its dashboard, and
    someone left with no admin access at all with a redirect to its sign-in, which refuses
    a signed-in member (members.views.sign_in)."""
    return response.status_code == 403 or (
        response.status_code == 302
        and (response.url == ADMIN_HOME or response.url.startswith("/admin/login/"))
    )


@pytest.fixture
def other_course(home_page):
    return publish(CoursePageFactory(parent=home_page, title="Another course"))


@pytest.fixture
def other_week(other_course):
    return publish(WeekPageFactory(parent=other_course, title="Another course's week"))


@pytest.fixture
def superuser():
    return UserFactory(username="root", is_superuser=True, is_staff=True)


# ---------------------------------------------------------------------------
# Organizers: their own course, not another
# ---------------------------------------------------------------------------
def test_an_organizer_edits_and_publishes_a_week_of_their_course(client, week, organizer):
    client.force_login(organizer)

    response = client.post(
        page_url("edit", week), week_form(week, title="Renamed", **{"action-publish": "1"})
    )

    assert response.status_code == 302
    week.refresh_from_db()
    assert week.live
    assert week.title == "Renamed"


def test_an_organizer_cannot_open_another_courses_week_in_the_editor(client, organizer, other_week):
    client.force_login(organizer)

    assert denied(client.get(page_url("edit", other_week)))


def test_an_organizer_cannot_publish_another_courses_week(client, organizer, other_week):
    client.force_login(organizer)

    response = client.post(
        page_url("edit", other_week),
        week_form(other_week, title="Taken over", **{"action-publish": "1"}),
    )

    assert denied(response)
    other_week.refresh_from_db()
    assert other_week.title == "Another course's week"


def test_an_organizer_cannot_unpublish_another_courses_week(client, organizer, other_week):
    client.force_login(organizer)

    response = client.post(page_url("unpublish", other_week))

    assert denied(response)
    other_week.refresh_from_db()
    assert other_week.live


def test_an_organizer_cannot_delete_another_courses_week(client, organizer, other_week):
    client.force_login(organizer)

    response = client.post(page_url("delete", other_week))

    assert denied(response)
    assert WeekPage.objects.filter(pk=other_week.pk).exists()


def test_an_organizer_cannot_move_another_courses_week_into_their_course(
    client, course, organizer, other_week
):
    client.force_login(organizer)

    response = client.post(page_url("move_confirm", other_week, course.pk))

    assert denied(response)
    other_week.refresh_from_db()
    assert other_week.get_parent().pk != course.pk


def test_an_organizer_cannot_move_their_week_into_another_course(
    client, week, organizer, other_course
):
    client.force_login(organizer)

    response = client.post(page_url("move_confirm", week, other_course.pk))

    assert denied(response)
    week.refresh_from_db()
    assert week.get_parent().pk != other_course.pk


def test_an_organizer_cannot_copy_another_courses_week(client, course, organizer, other_week):
    client.force_login(organizer)

    response = client.post(
        page_url("copy", other_week),
        {"new_title": "Copied", "new_slug": "copied", "new_parent_page": course.pk},
    )

    assert denied(response)
    assert not WeekPage.objects.filter(slug="copied").exists()


def test_another_course_is_not_in_an_organizers_explorer(
    client, home_page, course, organizer, other_course
):
    client.force_login(organizer)

    # Wagtail sends each user to the top of the tree they may explore: here their course.
    response = client.get(reverse("wagtailadmin_explore", args=(home_page.pk,)), follow=True)

    assert response.status_code == 200
    assert course.title in response.content.decode()
    assert other_course.title not in response.content.decode()


# ---------------------------------------------------------------------------
# Key respondents: their week's case study, nothing of another course
# ---------------------------------------------------------------------------
def test_a_key_respondent_opens_the_new_case_study_form_of_their_week(client, week, key_respondent):
    client.force_login(key_respondent)

    response = client.get(
        reverse("wagtailadmin_pages:add", args=("courses", "casestudypage", week.pk))
    )

    assert response.status_code == 200


def test_a_key_respondent_edits_their_case_study(client, week, key_respondent):
    study = CaseStudyPageFactory(parent=week, owner=key_respondent)
    client.force_login(key_respondent)

    assert client.get(page_url("edit", study)).status_code == 200


def test_a_key_respondent_cannot_open_another_courses_case_study(
    client, key_respondent, other_week
):
    study = CaseStudyPageFactory(parent=other_week)
    client.force_login(key_respondent)

    assert denied(client.get(page_url("edit", study)))


def test_a_key_respondent_cannot_read_another_courses_page_history(
    client, key_respondent, other_week
):
    study = CaseStudyPageFactory(parent=other_week)
    study.save_revision()
    client.force_login(key_respondent)

    assert denied(client.get(page_url("history", study)))


def test_a_key_respondent_cannot_browse_another_courses_pages(
    client, home_page, key_respondent, other_course, other_week
):
    client.force_login(key_respondent)

    listing = client.get(reverse("wagtailadmin_explore", args=(home_page.pk,)), follow=True)
    other_tree = client.get(reverse("wagtailadmin_explore", args=(other_course.pk,)), follow=True)

    assert other_course.title not in listing.content.decode()
    assert other_week.title not in other_tree.content.decode()


def test_a_key_respondent_of_one_course_cannot_add_a_case_study_to_another(
    client, key_respondent, other_week
):
    client.force_login(key_respondent)

    response = client.get(
        reverse("wagtailadmin_pages:add", args=("courses", "casestudypage", other_week.pk))
    )

    assert denied(response)


# ---------------------------------------------------------------------------
# Case studies in review: approved by their own course's organizers only
# ---------------------------------------------------------------------------
def in_review(week: WeekPage):
    author = UserFactory(username="author-in-review")
    enroll(course=week.get_parent().specific, user=author, role=Role.KEY_RESPONDENT, week=week)
    study = CaseStudyPageFactory(parent=week, owner=author, live=False)
    study.save_revision(user=author)
    study.get_workflow().start(study, author)
    return study


def approve_url(study) -> str:
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(study.pk))
    return page_url("workflow_action", study, "approve", state.current_task_state.pk)


def test_an_organizer_cannot_open_another_courses_case_study_in_review(
    client, organizer, other_week
):
    study = in_review(other_week)
    client.force_login(organizer)

    assert denied(client.get(page_url("edit", study)))


def test_an_organizer_cannot_approve_another_courses_case_study(client, organizer, other_week):
    study = in_review(other_week)
    url = approve_url(study)
    client.force_login(organizer)

    response = client.post(url)

    study.refresh_from_db()
    assert not study.live
    assert response.status_code in (302, 403)


def test_another_courses_case_study_in_review_is_not_on_an_organizers_dashboard(
    client, organizer, other_week
):
    study = in_review(other_week)
    client.force_login(organizer)

    response = client.get(reverse("wagtailadmin_home"))

    assert study.title not in response.content.decode()


def test_an_organizer_approves_their_own_courses_case_study(client, week, organizer):
    study = in_review(week)
    url = approve_url(study)
    client.force_login(organizer)

    client.post(url)

    study.refresh_from_db()
    assert study.live


# ---------------------------------------------------------------------------
# Enrollments give the rights and take them back
# ---------------------------------------------------------------------------
def test_removing_an_organizers_enrollment_removes_their_rights(client, course, week, organizer):
    withdraw(course=course, user=organizer, role=Role.ORGANIZER)
    client.force_login(organizer)

    assert denied(client.get(page_url("edit", week)))


def test_an_organizer_who_becomes_a_participant_loses_their_rights(client, course, week, organizer):
    enrollment = Enrollment.objects.get(course=course, user=organizer)
    change_role(enrollment, role=Role.PARTICIPANT)
    client.force_login(organizer)

    assert denied(client.get(page_url("edit", week)))
    assert not organizer.groups.filter(name="Organizers").exists()


def test_an_enrollment_moved_to_another_course_moves_the_rights(
    client, course, week, organizer, other_week
):
    enrollment = Enrollment.objects.get(course=course, user=organizer)
    enrollment.course = other_week.get_parent().specific
    save_enrollment(enrollment)
    client.force_login(organizer)

    assert denied(client.get(page_url("edit", week)))
    assert client.get(page_url("edit", other_week)).status_code == 200


def test_an_organizer_of_two_courses_edits_both(client, week, organizer, other_course, other_week):
    enroll(course=other_course, user=organizer, role=Role.ORGANIZER)
    client.force_login(organizer)

    assert client.get(page_url("edit", week)).status_code == 200
    assert client.get(page_url("edit", other_week)).status_code == 200


# ---------------------------------------------------------------------------
# Superusers, and who starts a new course
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("view", ["edit", "history", "delete", "unpublish", "copy"])
def test_a_superuser_opens_every_courses_pages(client, superuser, other_week, view):
    client.force_login(superuser)

    assert client.get(page_url(view, other_week)).status_code == 200


def test_an_organizer_cannot_start_a_new_course(client, home_page, organizer):
    client.force_login(organizer)

    response = client.get(
        reverse("wagtailadmin_pages:add", args=("courses", "coursepage", home_page.pk))
    )

    assert denied(response)


def test_whoever_starts_a_course_organizes_it(home_page):
    founder = UserFactory(username="founder")

    course = CoursePageFactory(parent=home_page, owner=founder)

    assert Enrollment.objects.filter(course=course, user=founder, role=Role.ORGANIZER).exists()


def test_a_superuser_who_starts_a_course_is_not_enrolled_in_it(home_page, superuser):
    course = CoursePageFactory(parent=home_page, owner=superuser)

    assert not Enrollment.objects.filter(course=course).exists()


def test_a_new_course_gets_its_own_groups_with_permissions_on_its_page(home_page):
    course = CoursePageFactory(parent=home_page)

    permissions = GroupPagePermission.objects.filter(page=course)

    assert {p.group.name for p in permissions} == {
        f"Organizers of {course.title} (course {course.pk})",
        f"Key respondents of {course.title} (course {course.pk})",
    }


# ---------------------------------------------------------------------------
# Upgrading a database that had the site-wide root permissions
# ---------------------------------------------------------------------------
def test_the_editorial_setup_replaces_the_root_permissions_by_the_courses_own(
    course, organizer, key_respondent
):
    from courses.editorial import ensure_editorial_setup

    setup = ensure_editorial_setup()
    root = Page.get_first_root_node()
    for group, codenames in [
        (setup.organizers, ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]),
        (setup.key_respondents, ["add_page"]),
    ]:
        for codename in codenames:
            GroupPagePermission.objects.create(
                group=group, page=root, permission_id=_page_permission(codename)
            )
    GroupPagePermission.objects.filter(page=course).delete()
    Group.objects.exclude(name__in=["Organizers", "Key respondents"]).delete()

    ensure_editorial_setup()
    ensure_editorial_setup()  # idempotent

    assert not GroupPagePermission.objects.filter(page=root).exists()
    organizers = Group.objects.get(name__startswith="Organizers of ", user=organizer)
    assert set(
        GroupPagePermission.objects.filter(group=organizers, page=course).values_list(
            "permission__codename", flat=True
        )
    ) == {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}
    respondents = Group.objects.get(name__startswith="Key respondents of ", user=key_respondent)
    assert list(
        GroupPagePermission.objects.filter(group=respondents).values_list(
            "page_id", "permission__codename"
        )
    ) == [(course.pk, "add_page")]


def test_the_editorial_setup_moves_a_course_off_the_review_every_course_shared(course):
    from courses.editorial import SHARED_CASE_STUDY_WORKFLOW, ensure_editorial_setup

    shared = Workflow.objects.create(name=SHARED_CASE_STUDY_WORKFLOW)
    WorkflowPage.objects.filter(page=course).update(workflow=shared)

    ensure_editorial_setup()

    workflow = WorkflowPage.objects.get(page=course).workflow
    assert workflow != shared
    assert workflow.tasks.get().name.endswith(f"(course {course.pk})")


def test_a_renamed_course_keeps_its_groups(course, organizer):
    from courses.editorial import ensure_editorial_setup

    before = set(Group.objects.values_list("pk", "name"))
    course.title = "A new title"
    publish(course)

    ensure_editorial_setup()

    assert set(Group.objects.values_list("pk", "name")) == before


def test_deleting_a_course_deletes_its_groups(home_page, organizer):
    course = CoursePageFactory(parent=home_page)
    enroll(course=course, user=organizer, role=Role.ORGANIZER)

    course.delete()

    assert not Group.objects.filter(name__endswith=f"(course {course.pk})").exists()
    assert not CoursePage.objects.filter(pk=course.pk).exists()


def _page_permission(codename: str) -> int:
    from django.contrib.auth.models import Permission

    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename).pk
