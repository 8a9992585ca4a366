"""The editorial set-up: the Organizers and Key respondents groups and each course's review.

These two site-wide groups hold model permissions only (the admin, enrollments, glossary,
images...). Page permissions belong to each course's own groups (`courses.course_groups`),
so that an organizer of one course cannot write in another's pages.

An idempotent service rather than a data migration: it needs Wagtail's own permissions and
tables (which its migrations and post_migrate create), and it runs again safely after every
`migrate` (post_migrate receiver) and from the demo's `load_demo`. Re-running repairs what an admin
deleted by mistake but never removes what an admin added.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .course_groups import (
    TITLE_IN_NAME,
    course_group,
    get_or_create_permission,
    name_for_course,
    named_for_course,
    rebuild_course_groups,
)
from .identity import source_course
from .models import CoursePage, Role

ORGANIZERS_GROUP = "Organizers"
KEY_RESPONDENTS_GROUP = "Key respondents"
# Each course's review is named "<this> <course title>", readable in the admin's lists and
# its "Submit to …" button (translated there, see `review_label`). It is found through its
# task, whose name keeps the course's id, so two courses of one title keep two reviews.
CASE_STUDY_WORKFLOW = "Case study review:"
# Its former name, "<this> <course title> (course <id>)": renamed by `course_review_workflow`.
FORMER_CASE_STUDY_WORKFLOW = "Case study review of"
CASE_STUDY_TASK = "Case study approval by the organizers of"
# The review that every course once shared, approved by the site-wide Organizers.
SHARED_CASE_STUDY_WORKFLOW = "Case study review"

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
        # Each course's glossary of agreed renderings.
        ("translations.GlossaryTerm", "add_glossaryterm"),
        ("translations.GlossaryTerm", "change_glossaryterm"),
        ("translations.GlossaryTerm", "delete_glossaryterm"),
        ("translations.GlossaryTerm", "view_glossaryterm"),
        # The themes and regions that posts, case studies and alerts share (snippets).
        *[
            (f"taxonomy.{model}", f"{action}_{model.lower()}")
            for model in ("Theme", "Region")
            for action in ("add", "change", "delete", "view")
        ],
    ],
    KEY_RESPONDENTS_GROUP: [("wagtailadmin.Admin", "access_admin")],
}


@dataclass(frozen=True)
class EditorialSetup:
    organizers: Group
    key_respondents: Group


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
    for course in CoursePage.objects.all():
        assign_review_workflow(course)
    return EditorialSetup(
        organizers=groups[ORGANIZERS_GROUP], key_respondents=groups[KEY_RESPONDENTS_GROUP]
    )


def course_review_workflow(course: CoursePage) -> Workflow:
    """The course's own review of case studies, approved by the course's organizers' group.

    Wagtail lets every member of a GroupApprovalTask's groups open, approve and publish any
    page in review on it, whatever its place in the tree: with one shared task held by the
    site-wide Organizers, an organizer of one course could approve another course's drafts.
    """
    course = source_course(course)
    task = named_for_course(GroupApprovalTask.objects, CASE_STUDY_TASK, course.pk).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=name_for_course(CASE_STUDY_TASK, course))
    task.groups.add(course_group(course, Role.ORGANIZER))
    name = review_name(course)
    workflow = (
        Workflow.objects.filter(workflow_tasks__task=task)
        .filter(
            Q(name__startswith=f"{CASE_STUDY_WORKFLOW} ")
            | Q(name__startswith=f"{FORMER_CASE_STUDY_WORKFLOW} ")
        )
        .order_by("pk")
        .first()
    ) or named_for_course(Workflow.objects, FORMER_CASE_STUDY_WORKFLOW, course.pk).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=name)
    elif workflow.name != name:  # named the former way, or the course was renamed since
        workflow.name = name
        workflow.save(update_fields=["name"])
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def review_name(course: CoursePage) -> str:
    return f"{CASE_STUDY_WORKFLOW} {course.title[:TITLE_IN_NAME]}"


def review_label(workflow_name: str) -> str:
    """A course review's name in the reader's language ("Relecture des études de cas : …");
    any other workflow's name as it is."""
    prefix = f"{CASE_STUDY_WORKFLOW} "
    if not workflow_name.startswith(prefix):
        return workflow_name
    return gettext("Case study review: %(course)s") % {"course": workflow_name[len(prefix) :]}


def assign_review_workflow(page: CoursePage) -> WorkflowPage:
    """Case studies under this course page (any language) go through the course's review; a
    workflow an admin chose stays.

    The review once shared by every course is replaced by the course's own; reviews already
    under way on it finish there.
    """
    workflow = course_review_workflow(page)
    assignment, created = WorkflowPage.objects.get_or_create(
        page=page, defaults={"workflow": workflow}
    )
    if not created and assignment.workflow.name == SHARED_CASE_STUDY_WORKFLOW:
        assignment.workflow = workflow
        assignment.save(update_fields=["workflow"])
    return assignment
