"""The way to a key respondent's waiting questions (`/forum/my/questions/`), from the header
and from "This week": before, the page was linked from nowhere; and to answer one, from the
question itself on the topic page."""

from __future__ import annotations

from typing import Any

from django import template

from courses.enrollment import is_key_respondent
from members.request_memo import per_request

from ..models import KeyRespondentQuestion
from ..questions import may_answer_questions, unanswered_questions, week_of_forum

register = template.Library()


@register.simple_tag(takes_context=True)
def waiting_questions(context: Any) -> int | None:
    """How many questions wait for the signed-in key respondent; None for anyone else.

    Worked out once per request, as the header and "This week" both ask."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None or not user.is_authenticated:
        return None
    return waiting_count(user)


@per_request
def waiting_count(user: Any) -> int | None:
    return unanswered_questions(user).count() if is_key_respondent(user) else None


@register.simple_tag(takes_context=True)
def answerable_questions(context: Any, posts: Any, forum: Any) -> set[int]:
    """The ids of the posts on the page that are open questions the reader may answer (a key
    respondent of the week, an organizer of its course): they get "Answer this question"."""
    request = context.get("request")
    user = getattr(request, "user", None)
    week = week_of_forum(getattr(forum, "pk", None))
    if week is None or user is None or not may_answer_questions(user, week):
        return set()
    return set(
        KeyRespondentQuestion.objects.filter(
            post_id__in=[post.pk for post in posts], answered_at__isnull=True
        ).values_list("post_id", flat=True)
    )
