from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortForumConfig(AppConfig):
    """Our discussion app. Labelled apart from machina's own `forum` app label."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "forum"
    label = "cohort_forum"
    verbose_name = _("Cohort forum")
