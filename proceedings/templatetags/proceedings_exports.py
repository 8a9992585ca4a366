"""The link to a course's exports, shown to those who may make them (its organizers)."""

from __future__ import annotations

from django import template
from django.urls import reverse

from ..exports import may_export

register = template.Library()


@register.simple_tag(takes_context=True)
def exports_url(context, course) -> str:
    """The course's exports page for its organizers, else empty."""
    request = context.get("request")
    if course is None or request is None or not may_export(request.user, course):
        return ""
    return reverse("proceedings:exports", args=[course.pk])
