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
        from . import receivers

        receivers.connect()
