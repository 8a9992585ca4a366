"""Applying to a course and the organizers' decision: the rules in one place.

The form and the admin both call these functions, so the 300-word rule, the deadline,
the one-application rule and the key-respondent places hold however the request comes.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from members.emails import site_url
from members.profiles import get_profile
from translations.shown_texts import translated_text

from .enrollment import enroll
from .identity import source_course
from .models import (
    KEY_RESPONDENT_STATEMENT_WORDS,
    Application,
    CoursePage,
    Enrollment,
    Role,
    WeekPage,
)
from .text import count_text_words


def check_statement(statement: str) -> None:
    """A key respondent's statement: 300 words at most, counted here, never trusted."""
    count = count_text_words(statement)
    if count > KEY_RESPONDENT_STATEMENT_WORDS:
        raise ValidationError(
            ngettext(
                "Your statement has %(count)d word; %(limit)d at most, please.",
                "Your statement has %(count)d words; %(limit)d at most, please.",
                count,
            )
            % {"count": count, "limit": KEY_RESPONDENT_STATEMENT_WORDS},
            code="too_long",
        )


def check_may_apply(course: CoursePage, user: User) -> None:
    course = source_course(course)
    if not course.is_open_for_applications():
        deadline = course.application_deadline or course.start_date
        raise ValidationError(
            _("Applications to this course closed on %(date)s.")
            % {"date": formats.date_format(deadline, "DATE_FORMAT")},
            code="closed",
        )
    if Application.objects.filter(course=course, user=user).exists():
        raise ValidationError(_("You have already applied to this course."), code="twice")
    if Enrollment.objects.filter(course=course, user=user).exists():
        raise ValidationError(_("You are already enrolled in this course."), code="enrolled")


def apply(
    *,
    course: CoursePage,
    user: User,
    role: str,
    work_description: str,
    key_respondent_statement: str = "",
) -> Application:
    course = source_course(course)
    check_may_apply(course, user)
    if role == Application.AppliedRole.KEY_RESPONDENT:
        if not key_respondent_statement.strip():
            raise ValidationError(
                _("A key respondent describes their case in up to 300 words."), code="required"
            )
        check_statement(key_respondent_statement)
    else:
        key_respondent_statement = ""
    return Application.objects.create(
        course=course,
        user=user,
        role=role,
        work_description=work_description,
        key_respondent_statement=key_respondent_statement,
    )


def key_respondent_places_left(course: CoursePage) -> int:
    course = source_course(course)
    taken = Enrollment.objects.filter(course=course, role=Role.KEY_RESPONDENT).count()
    return max(course.key_respondent_places - taken, 0)


@transaction.atomic
def accept(
    application: Application,
    *,
    by: User,
    role: str | None = None,
    week: WeekPage | None = None,
) -> Enrollment:
    """Enroll the applicant (in the role they applied for unless told otherwise)."""
    # Lock the course row: two organizers accepting at once must not pass the limit.
    course = CoursePage.objects.select_for_update().get(pk=application.course_id)
    if application.status != Application.Status.PENDING:
        raise ValidationError(_("This application has already been decided."), code="decided")
    role = role or application.role
    if role == Role.KEY_RESPONDENT and key_respondent_places_left(course) == 0:
        raise ValidationError(
            ngettext(
                "The course's %(places)d key-respondent place is taken.",
                "The course's %(places)d key-respondent places are all taken.",
                course.key_respondent_places,
            )
            % {"places": course.key_respondent_places},
            code="no_place",
        )
    enrollment = enroll(
        course=course,
        user=application.user,
        role=role,
        week=week if role == Role.KEY_RESPONDENT else None,
    )
    _decide(application, Application.Status.ACCEPTED, by)
    return enrollment


@transaction.atomic
def decline(application: Application, *, by: User) -> None:
    if application.status != Application.Status.PENDING:
        raise ValidationError(_("This application has already been decided."), code="decided")
    _decide(application, Application.Status.DECLINED, by)


def _decide(application: Application, status: str, by: User) -> None:
    application.status = status
    application.decided_at = timezone.now()
    application.decided_by = by
    application.save(update_fields=["status", "decided_at", "decided_by"])
    transaction.on_commit(lambda: send_decision(application))


def send_decision(application: Application) -> None:
    """The decision, by email, in the applicant's preferred language."""
    if not application.user.email:
        return
    profile = get_profile(application.user)
    language = profile.preferred_language if profile else "en"
    course = application.course
    with translation.override(language):
        # The course's title as the applicant reads it (machine-translated, or as written).
        title = translated_text(course, "title", language=language, original=course.title)
        context = {
            "application": application,
            "course": course,
            "course_title": title,
            "name": profile,
            "course_url": _page_link(course),
        }
        name = f"courses/email/application_{application.status}"
        subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
        body = render_to_string(f"{name}.txt", context)
    send_mail(subject, body, None, [application.user.email])


def _page_link(page: CoursePage) -> str:
    """The page's address on the configured site (members/emails.py), in the active
    language: never the host of a request or of Wagtail's Site record (``localhost``)."""
    parts = page.get_url_parts()
    return site_url(parts[2]) if parts else site_url("/")
