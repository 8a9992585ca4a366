"""Applying to a course, and a member's choice once it has ended."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from members.http import AuthenticatedHttpRequest

from .. import applications
from ..enrollment import choose_after_course
from ..forms import AfterCourseForm, ApplicationForm
from ..identity import source_course
from ..models import KEY_RESPONDENT_STATEMENT_WORDS, AfterCourse, CoursePage, Enrollment


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: AuthenticatedHttpRequest, course_id: int) -> HttpResponse:
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    refusal = None
    try:
        applications.check_may_apply(course, request.user)
    except ValidationError as error:
        refusal = error.messages[0]
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and refusal is None and form.is_valid():
        try:
            applications.apply(course=course, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            # A refusal about the statement is shown next to it; others (closed, already
            # applied) concern the whole application.
            about_statement = error.code in ("required", "too_long")
            form.add_error("key_respondent_statement" if about_statement else None, error)
        else:
            messages.success(request, _("Thank you: the organizers will answer you by email."))
            return redirect(course.url)
    status = 400 if form.errors else 200
    return render(
        request,
        "courses/apply.html",
        {
            "course": course,
            "form": form,
            "refusal": refusal,
            "word_limit": KEY_RESPONDENT_STATEMENT_WORDS,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def after_course(request: AuthenticatedHttpRequest, course_id: int) -> HttpResponse:
    course = source_course(get_object_or_404(CoursePage.objects.live(), pk=course_id))
    enrollment = Enrollment.objects.filter(course=course, user=request.user).first()
    if enrollment is None:
        return render(request, "courses/after_course.html", {"course": course}, status=404)
    form = AfterCourseForm(
        request.POST or None, initial={"choice": enrollment.after_course or None}
    )
    if request.method == "POST" and course.has_ended() and form.is_valid():
        choice = form.cleaned_data["choice"]
        choose_after_course(course=course, user=request.user, choice=AfterCourse(choice))
        if choice == AfterCourse.LEAVE:
            messages.success(request, _("You have left the course. Thank you for taking part."))
            return redirect("/")
        messages.success(request, _("You stay in touch with the course's members."))
        return redirect("courses:after_course", course_id=course.pk)
    return render(
        request,
        "courses/after_course.html",
        {"course": course, "form": form, "ended": course.has_ended()},
    )
