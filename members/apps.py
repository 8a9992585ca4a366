from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    """The ground floor: a member's profile and languages. Imports nothing of ours."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from django.contrib.auth.models import Group, Permission, User
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .kept_permissions import forget_permissions

        # The permissions kept between requests (members/kept_permissions.py).
        for through in (
            User.groups.through,
            User.user_permissions.through,
            Group.permissions.through,
        ):
            m2m_changed.connect(forget_permissions, sender=through, dispatch_uid="permissions")
        # Not a user's own save (a sign-in saves it): a superuser or an inactive member is
        # never served kept permissions, and their groups are the m2m above.
        for model in (Group, Permission):
            for signal in (post_save, post_delete):
                signal.connect(forget_permissions, sender=model, dispatch_uid="permissions")
