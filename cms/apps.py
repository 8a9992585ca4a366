from django.apps import AppConfig


class CmsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cms"
    verbose_name = "Puentes site"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import get_page_models
        from wagtail.signals import post_page_move

        from .kept_routes import routes_written

        # The routes kept between requests (cms/kept_routes.py): any page saved (published,
        # unpublished, renamed), deleted or moved.
        for model in get_page_models():
            for signal in (post_save, post_delete):
                signal.connect(routes_written, sender=model, dispatch_uid="kept_routes")
        post_page_move.connect(routes_written, dispatch_uid="kept_routes")
