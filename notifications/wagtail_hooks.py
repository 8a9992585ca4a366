from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

# ---------------------------------------------------------------------------
# Delivery: emails that could not be sent, for the organizers (notifications/outbox.py)
# ---------------------------------------------------------------------------
from .delivery_views import FailedEmailsView, RetryEmailView, may_see_stuck_emails


@hooks.register("register_admin_urls")
def failed_email_urls():
    return [
        path("emails/failed/", FailedEmailsView.as_view(), name="notifications_failed_emails"),
        path("emails/<int:pk>/retry/", RetryEmailView.as_view(), name="notifications_retry_email"),
    ]


class FailedEmailsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_stuck_emails(request.user)


@hooks.register("register_admin_menu_item")
def failed_emails_menu_item():
    return FailedEmailsMenuItem(
        _("Emails not sent"), reverse("notifications_failed_emails"), icon_name="mail", order=902
    )


# Organizers set each week forum's subscription mode (notifications/forum_mode_hooks.py).
from . import forum_mode_hooks  # noqa: E402, F401
