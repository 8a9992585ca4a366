"""The way to a key respondent's waiting questions (`/forum/my/questions/`), from the header
and from "This week": before, the page was linked from nowhere."""

from __future__ import annotations

from typing import Any

from django import template

from courses.models import Enrollment, Role

from ..questions import unanswered_questions

register = template.Library()


@register.simple_tag(takes_context=True)
def waiting_questions(context: Any) -> int | None:
    """How many questions wait for the signed-in key respondent; None for anyone else.

    Worked out once per request, as the header and "This week" both ask."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None or not user.is_authenticated:
        return None
    cached = getattr(request, "_puentes_waiting_questions", False)
    if cached is not False:
        return cached
    count: int | None = None
    if Enrollment.objects.filter(user=user, role=Role.KEY_RESPONDENT).exists():
        count = unanswered_questions(user).count()
    if request is not None:
        request._puentes_waiting_questions = count
    return count
