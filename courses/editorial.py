"""The editorial set-up: the Organizers and Key respondents groups and the review workflow.

These two site-wide groups hold model permissions only (the admin, enrollments, glossary,
images...). Page permissions belong to each course's own groups (`courses.course_groups`),
so that an organizer of one course cannot write in another's pages.

An idempotent service rather than a data migration: it needs Wagtail's own permissions and
tables (which its migrations and post_migrate create), and it runs again safely after every
`migrate` (post_migrate receiver) and from `load_demo`. Re-running repairs what an admin
deleted by mistake but never removes what an admin added.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .course_groups import get_or_create_permission, rebuild_course_groups

ORGANIZERS_GROUP = "Organizers"
KEY_RESPONDENTS_GROUP = "Key respondents"
CASE_STUDY_WORKFLOW = "Case study review"
CASE_STUDY_TASK = "Organizers approve the case study"

# What these groups held on the root page before each course had its own groups: removed.
FORMER_ROOT_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
]
# Model permissions, as (model label, codename), by group.
MODEL_PERMISSIONS = {
    ORGANIZERS_GROUP: [
        ("wagtailadmin.Admin", "access_admin"),
        ("wagtaildocs.Document", "add_document"),
        ("wagtaildocs.Document", "change_document"),
        ("wagtaildocs.Document", "choose_document"),
        ("wagtailimages.Image", "add_image"),
        ("wagtailimages.Image", "choose_image"),
        ("courses.Enrollment", "add_enrollment"),
        ("courses.Enrollment", "change_enrollment"),
        ("courses.Enrollment", "delete_enrollment"),
        ("courses.Enrollment", "view_enrollment"),
        ("courses.Application", "view_application"),
        ("courses.Application", "change_application"),
        ("cohort_forum.CommunityOfPractice", "add_communityofpractice"),
        ("cohort_forum.CommunityOfPractice", "change_communityofpractice"),
        ("cohort_forum.CommunityOfPractice", "delete_communityofpractice"),
        ("cohort_forum.CommunityOfPractice", "view_communityofpractice"),
        # The failed-translations list and its retry action.
        ("translations.PostTranslation", "change_posttranslation"),
        # Translating course, week and case-study pages with wagtail-localize.
        ("wagtail_localize.Translation", "submit_translation"),
        # Each course's glossary of agreed renderings.
        ("translations.GlossaryTerm", "add_glossaryterm"),
        ("translations.GlossaryTerm", "change_glossaryterm"),
        ("translations.GlossaryTerm", "delete_glossaryterm"),
        ("translations.GlossaryTerm", "view_glossaryterm"),
    ],
    KEY_RESPONDENTS_GROUP: [("wagtailadmin.Admin", "access_admin")],
}


@dataclass(frozen=True)
class EditorialSetup:
    organizers: Group
    key_respondents: Group
    workflow: Workflow


@transaction.atomic
def ensure_editorial_setup() -> EditorialSetup:
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in MODEL_PERMISSIONS}
    for name, pairs in MODEL_PERMISSIONS.items():
        groups[name].permissions.add(*(get_or_create_permission(*pair) for pair in pairs))
    GroupPagePermission.objects.filter(
        group__in=groups.values(),
        page__depth=1,
        permission__content_type__app_label="wagtailcore",
        permission__codename__in=FORMER_ROOT_PAGE_PERMISSIONS,
    ).delete()
    rebuild_course_groups()

    task = GroupApprovalTask.objects.filter(name=CASE_STUDY_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=CASE_STUDY_TASK)
    task.groups.add(groups[ORGANIZERS_GROUP])
    workflow, _created = Workflow.objects.get_or_create(name=CASE_STUDY_WORKFLOW)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return EditorialSetup(
        organizers=groups[ORGANIZERS_GROUP],
        key_respondents=groups[KEY_RESPONDENTS_GROUP],
        workflow=workflow,
    )


def assign_review_workflow(page: Page) -> WorkflowPage:
    """Case studies under this course go through the review; a workflow already chosen stays."""
    workflow = Workflow.objects.filter(name=CASE_STUDY_WORKFLOW).first()
    if workflow is None:
        workflow = ensure_editorial_setup().workflow
    assignment, _created = WorkflowPage.objects.get_or_create(
        page=page, defaults={"workflow": workflow}
    )
    return assignment
