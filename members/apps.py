from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    """The ground floor: a member's profile and languages. Imports nothing of ours."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "members"
    verbose_name = _("Members")
