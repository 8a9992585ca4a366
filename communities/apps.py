from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    """Communities of practice beyond one course: proposal, approval, joining, bridges."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "communities"
    verbose_name = _("Communities of practice")

    def ready(self) -> None:
        from .texts import register_reviewable_texts

        register_reviewable_texts()
