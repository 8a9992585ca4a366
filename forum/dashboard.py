"""The organizers' course dashboard: what waits for them in each course they organize.

One section per course (superusers: every course), each figure with the link that acts on
it: applications waiting (to the applications screen, filtered), the activity of the week
open today (else the latest week that opened), the questions to key respondents still
unanswered (to the post), the case studies in review (to their edit page, where the
review's actions are) and the translations that failed (to the failed translations
screen). The same figures, summed up, make a panel of Wagtail's home page.

Nothing here shows more than the screens it links to: the applications, questions and
failed translations are those the organizer may act on there (the posts the topic page
shows them), the case studies those under the course's own pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from machina.core.db.models import get_model
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Page, WorkflowState

from courses.enrollment import organized_courses
from courses.models import Application, CoursePage, Enrollment, Role, WeekPage
from members.languages import LANGUAGE_NAMES
from members.profiles import get_profile
from translations.display import reader_languages, translated_subjects
from translations.shown_texts import translated_text

from .course_of import course_forum_ids
from .discussion import post_url
from .models import KeyRespondentQuestion, WeekForum
from .participation_admin import VIEW_PERMISSION
from .progress import responses
from .readable_texts import course_pages, sources_of
from .translation_admin import OrganizerRequest, failed_texts, failed_translations

Post: Any = get_model("forum_conversation", "Post")


@dataclass
class WeekActivity:
    week: WeekPage
    title: str
    is_open: bool
    posts: int
    #: Participants of the course who have not posted in the week's forum, by name.
    silent: list[str]


@dataclass
class OpenQuestion:
    subject: str
    asker: str
    week_title: str
    asked_at: Any
    url: str


@dataclass
class CaseStudyInReview:
    page: Page
    title: str
    submitted_by: str
    submitted_at: Any


@dataclass
class CourseDashboard:
    course: CoursePage
    title: str
    applications: int
    week: WeekActivity | None
    questions: list[OpenQuestion] = field(default_factory=list)
    case_studies: list[CaseStudyInReview] = field(default_factory=list)
    failed_posts: int = 0
    failed_texts: int = 0

    @property
    def failed(self) -> int:
        return self.failed_posts + self.failed_texts


def admin_language() -> str:
    language = (get_language() or "en")[:2]
    return language if language in LANGUAGE_NAMES else "en"


def title_of(page: Page, language: str) -> str:
    return translated_text(page, "title", language=language, original=page.title)


def shown_week(course: CoursePage) -> WeekPage | None:
    """The week open today, else the latest that opened (between weeks, after the end)."""
    if course.current_week is not None:
        return course.current_week
    return course.weeks().filter(opens_on__lte=timezone.localdate()).order_by("-opens_on").first()


def week_activity(course: CoursePage, language: str) -> WeekActivity | None:
    week = shown_week(course)
    if week is None:
        return None
    forum_id = (
        WeekForum.objects.filter(week=week, hidden=False).values_list("forum_id", flat=True).first()
    )
    posted = (
        set(responses([forum_id]).values_list("poster_id", flat=True).distinct())
        if forum_id
        else set()
    )
    participants = (
        Enrollment.objects.filter(course=course, role=Role.PARTICIPANT)
        .exclude(user_id__in=posted)
        .select_related("user", "user__puentes_profile")
        .order_by("user__username")
    )
    silent = [get_profile(enrollment.user).name for enrollment in participants]
    return WeekActivity(
        week=week,
        title=title_of(week, language),
        is_open=week.opens_on <= timezone.localdate() <= week.closes_on,
        posts=responses([forum_id]).count() if forum_id else 0,
        silent=sorted(set(silent), key=str.casefold),
    )


def open_questions(request: OrganizerRequest, course: CoursePage, language: str):
    """The course's questions to key respondents still unanswered, oldest first."""
    posts = request.forum_permission_handler.readable_posts(
        Post.objects.filter(topic__forum_id__in=course_forum_ids(course)), request.user
    )
    questions = list(
        KeyRespondentQuestion.objects.filter(
            week__in=course.weeks(), answered_at__isnull=True, post__in=posts
        )
        .select_related("post", "post__topic", "post__topic__forum", "post__poster", "week")
        .order_by("asked_at")
    )
    reader, reads = reader_languages(request.user, language)
    subjects = translated_subjects(
        [(question.pk, question.post_id) for question in questions], language=reader, reads=reads
    )
    week_titles: dict[int, str] = {}
    found = []
    for question in questions:
        if question.week_id not in week_titles:
            week_titles[question.week_id] = title_of(question.week, language)
        poster = question.post.poster
        found.append(
            OpenQuestion(
                subject=subjects.get(question.pk) or question.post.subject,
                asker=get_profile(poster).name if poster else "",
                week_title=week_titles[question.week_id],
                asked_at=question.asked_at,
                url=post_url(question.post.topic.forum, question.post),
            )
        )
    return found


def case_studies_in_review(course: CoursePage, language: str) -> list[CaseStudyInReview]:
    """Pages of the course (its case studies) waiting in a review, oldest first."""
    # By ids as strings: WorkflowState names its object generically, and the GenericRelation
    # Page declares for lookups joins on the specific content type, not the base one.
    page_ids = [str(pk) for pk in Page.objects.descendant_of(course).values_list("pk", flat=True)]
    states = (
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=page_ids,
        )
        .select_related("requested_by")
        .order_by("created_at")
    )
    # Specific pages: their translated titles are stored under their own type.
    pages = {
        page.pk: page
        for page in Page.objects.filter(
            pk__in=[int(state.object_id) for state in states]
        ).specific()
    }
    found = []
    for state in states:
        page = pages.get(int(state.object_id))
        if page is None:
            continue
        author = state.requested_by
        found.append(
            CaseStudyInReview(
                page=page,
                title=title_of(page, language),
                submitted_by=get_profile(author).name if author else "",
                submitted_at=state.created_at,
            )
        )
    return found


def course_dashboard(request: OrganizerRequest, course: CoursePage) -> CourseDashboard:
    language = admin_language()
    forum_ids = course_forum_ids(course)
    page_ids = course_pages([course]).values_list("pk", flat=True)
    return CourseDashboard(
        course=course,
        title=title_of(course, language),
        applications=Application.objects.filter(
            course=course, status=Application.Status.PENDING
        ).count(),
        week=week_activity(course, language),
        questions=open_questions(request, course, language),
        case_studies=case_studies_in_review(course, language),
        failed_posts=failed_translations(request)
        .filter(post__topic__forum_id__in=forum_ids)
        .count(),
        failed_texts=failed_texts(request)
        .filter(source__in=sources_of(page_ids, forum_ids))
        .count(),
    )


def dashboards(request: OrganizerRequest) -> list[CourseDashboard]:
    return [
        course_dashboard(request, course)
        for course in organized_courses(request.user).order_by("path")
    ]


class CourseDashboardView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    request: OrganizerRequest
    permission_required = VIEW_PERMISSION
    template_name = "cohort_forum/admin/course_dashboard.html"
    page_title = _("Course dashboard")
    header_icon = "site"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "dashboards": dashboards(self.request)}


class CourseDashboardPanel(Component):
    """On Wagtail's home: each organized course's figures, linking to the dashboard."""

    name = "course_dashboard"
    template_name = "cohort_forum/admin/course_dashboard_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["dashboards"] = dashboards(parent_context["request"])
        return context


def add_course_dashboard_panel(request, panels: list) -> None:
    """construct_homepage_panels hook: for those who may open the dashboard."""
    if request.user.has_perm(VIEW_PERMISSION) and organized_courses(request.user).exists():
        panels.append(CourseDashboardPanel())
