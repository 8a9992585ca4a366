"""A member's pages: their progress through the weeks, and a key respondent's questions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from courses.models import CoursePage
from members.http import AuthenticatedHttpRequest
from translations.display import reader_languages, shown_posts
from translations.shown_texts import texts_of
from translations.templatetags.page_texts import ORIGINAL

from .discussion import post_url
from .progress import member_progress
from .questions import asked_questions, unanswered_questions


@login_required
def my_progress(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Per course and week: how many posts the member made, and links to the latest few.

    Each week's title and the linked posts are shown in the reader's language, looked up
    once for the whole page (not once a week)."""
    courses = [
        (course, member_progress(request.user, course))
        for course in CoursePage.objects.live().filter(enrollments__user=request.user).distinct()
    ]
    items = [item for _course, weeks in courses for item in weeks]
    language, reads = reader_languages(request.user, get_language())
    original = ORIGINAL in request.GET.getlist("original")
    week_texts = texts_of(
        [item.week for item in items], language=language, reads=reads, show_original=original
    )
    shown = iter(
        shown_posts([post for item in items for post in item.posts], language=language, reads=reads)
    )
    for item, texts in zip(items, week_texts, strict=True):
        item.texts = texts
        item.shown = [next(shown) for _post in item.posts]
    return render(request, "cohort_forum/my_progress.html", {"courses": courses})


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
