from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    """The members' directory and profile pages (what each member chose to show)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "directory"
    verbose_name = _("Member directory")

    def ready(self) -> None:
        from allauth.account.signals import user_signed_up

        from .profile_texts import register_reviewable_texts
        from .receivers import member_signed_up

        user_signed_up.connect(member_signed_up, dispatch_uid="directory.member_signed_up")
        register_reviewable_texts()
