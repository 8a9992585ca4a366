from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    """Projects that members propose and others volunteer for or offer expertise to."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "projects"
    verbose_name = _("Projects")

    def ready(self) -> None:
        from . import receivers
        from .texts import register_reviewable_texts

        receivers.connect()
        register_reviewable_texts()
