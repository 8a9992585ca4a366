"""Where members are asked how the proceedings may quote them: the course page (a link,
with their choice or a prompt) and "My progress" (a prompt while they have not chosen).

    {% load quote_consent %}
    {% quote_consent course as consent %}   {# None for a visitor or someone not enrolled #}
    {% if consent and not consent.consent %}…prompt…{% endif %}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.urls import reverse

from ..consent import consent_of, may_choose
from ..models import QuoteConsent

register = template.Library()


@dataclass
class ConsentLink:
    url: str
    consent: QuoteConsent | None


def _user(context: Any):
    request = context.get("request")
    return getattr(request, "user", None)


@register.simple_tag(takes_context=True)
def quote_consent(context: Any, course: Any) -> ConsentLink | None:
    user = _user(context)
    if user is None or course is None or not may_choose(user, course):
        return None
    return ConsentLink(
        url=reverse("proceedings:consent", args=[course.pk]), consent=consent_of(user, course)
    )
