from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """What brings members back: notices on the site, emails, digests, alerts.

    Sits above the forum in the layers (cms > notifications > forum > courses > ...): it
    listens to the other apps' signals; none of them imports it.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from . import receivers
        from .models import Notice
        from .unread import notice_written

        receivers.connect()
        # The unread count kept for the header (notifications/unread.py).
        post_save.connect(notice_written, sender=Notice, dispatch_uid="unread_notices")
        post_delete.connect(notice_written, sender=Notice, dispatch_uid="unread_notices")
