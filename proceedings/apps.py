from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceedingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "proceedings"
    verbose_name = _("Proceedings")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from machina.core.db.models import get_model

        from . import receivers
        from .models import Passage

        post_save.connect(
            receivers.post_saved,
            sender=get_model("forum_conversation", "Post"),
            dispatch_uid="proceedings.post_saved",
        )
        post_delete.connect(
            receivers.passage_deleted, sender=Passage, dispatch_uid="proceedings.passage_deleted"
        )
