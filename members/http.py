"""The request a member's own pages receive: behind `login_required`, `user` is a real User.

Only a type: annotating a signed-in view's `request` with it lets mypy know what
`login_required` (or `LoginRequiredMixin`) has already checked (django-stubs' own pattern).
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedHttpRequest(HttpRequest):
    user: User
