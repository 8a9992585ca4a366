"""The unsubscribe page (no login: the signed token is the authority) and the organizers'
list of emails that could not be sent, with a retry button (Wagtail admin)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django.views.generic import TemplateView

from courses.enrollment import organized_courses
from courses.models import Enrollment
from courses.viewsets import AdminScreen

from .models import Email
from .outbox import LONG_PENDING, retry
from .unsubscribe import read_token, unsubscribe

UNSUBSCRIBE_TEMPLATE = "notifications/email/unsubscribe.html"


# RFC 8058: mail clients POST "List-Unsubscribe=One-Click" with no cookie nor CSRF token;
# the signed token in the URL is what authorises the change (and only that change).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request: HttpRequest, token: str) -> HttpResponse:
    found = read_token(token)
    if found is None:
        return render(request, UNSUBSCRIBE_TEMPLATE, {"invalid": True}, status=400)
    context = {"scope": found.scope.partition(":")[0], "target": found.target}
    if request.method == "POST":
        unsubscribe(found)
        context["done"] = True
    return render(request, UNSUBSCRIBE_TEMPLATE, context)


def stuck_emails(user: User | AnonymousUser) -> QuerySet[Email]:
    """Failed emails, and emails pending for too long, of the members of the courses the
    user organizes (every member's for superusers)."""
    since = timezone.now() - LONG_PENDING
    emails = Email.objects.filter(
        Q(status=Email.Status.FAILED) | Q(status=Email.Status.PENDING, created_at__lt=since)
    )
    if not user.is_superuser:
        courses = organized_courses(user)
        emails = emails.filter(
            recipient__in=Enrollment.objects.filter(course__in=courses).values("user")
        )
    return emails.select_related("recipient")


def may_see_stuck_emails(user: User | AnonymousUser) -> bool:
    return organized_courses(user).exists()


class FailedEmailsView(AdminScreen, TemplateView):
    template_name = "notifications/email/admin_failed.html"
    page_title = _("Emails not sent")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_stuck_emails(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["emails"] = stuck_emails(self.request.user).order_by("-created_at")[:200]
        return context


class RetryEmailView(View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        email = get_object_or_404(stuck_emails(request.user), pk=pk)
        retry(email)
        messages.success(request, _("The email will be sent again."))
        return redirect("notifications_failed_emails")
