"""A participant's "this week": what to read, the questions, what is new, their progress."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from members.http import AuthenticatedHttpRequest

from ..schedule import member_weeks


class ThisWeekView(LoginRequiredMixin, TemplateView):
    request: AuthenticatedHttpRequest
    template_name = "courses/this_week.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["course_weeks"] = member_weeks(self.request.user)
        return context
