"""A member's pages: their progress through the weeks, and a key respondent's questions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from courses.models import CoursePage
from members.http import AuthenticatedHttpRequest
from translations.display import reader_languages, shown_posts

from .discussion import post_url
from .progress import member_progress
from .questions import asked_questions, unanswered_questions


@login_required
def my_progress(request: AuthenticatedHttpRequest) -> HttpResponse:
    courses = CoursePage.objects.live().filter(enrollments__user=request.user).distinct()
    return render(
        request,
        "cohort_forum/my_progress.html",
        {"courses": [(course, member_progress(request.user, course)) for course in courses]},
    )


@login_required
def my_questions(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Questions waiting for this key respondent, shown in their own language; and the
    questions this member asked, each answered (with a link to its answer) or waiting."""
    questions = list(unanswered_questions(request.user))
    language, reads = reader_languages(request.user, get_language())
    shown = shown_posts([question.post for question in questions], language=language, reads=reads)
    for question, item in zip(questions, shown, strict=True):
        question.shown = item
        question.url = post_url(question.post.topic.forum, question.post)
    asked = list(asked_questions(request.user))
    for question in asked:
        question.url = post_url(question.post.topic.forum, question.post)
        answer = question.answered_by
        question.answer_url = post_url(question.post.topic.forum, answer) if answer else ""
    return render(
        request, "cohort_forum/my_questions.html", {"questions": questions, "asked": asked}
    )
