from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceedingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "proceedings"
    verbose_name = _("Proceedings")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from machina.core.db.models import get_model
        from wagtail.permissions import register_permission_policy

        from taxonomy.models import Region, Theme

        from . import passage_texts, receivers
        from .models import Passage
        from .vocabulary_rights import VocabularyPermissionPolicy

        # Who may rename or delete a shared term: before the snippets register (see the class).
        for model in (Theme, Region):
            register_permission_policy(model, VocabularyPermissionPolicy(model), exact_class=True)

        post_save.connect(
            receivers.post_saved,
            sender=get_model("forum_conversation", "Post"),
            dispatch_uid="proceedings.post_saved",
        )
        post_delete.connect(
            receivers.passage_deleted, sender=Passage, dispatch_uid="proceedings.passage_deleted"
        )
        # Translators correct the passages' translations in the forum's queue and editor.
        passage_texts.register_reviewable_texts()
