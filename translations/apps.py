from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "translations"
    verbose_name = _("Translations")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .kept_texts import texts_written
        from .models import TextSource, TextTranslation

        # Pages keep the texts they read until one is written (translations/kept_texts.py).
        for model in (TextSource, TextTranslation):
            for signal in (post_save, post_delete):
                signal.connect(texts_written, sender=model, dispatch_uid="kept_texts")
