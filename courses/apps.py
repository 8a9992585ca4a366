from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save

        from . import receivers
        from .models import CoursePage, Enrollment

        post_migrate.connect(receivers.set_up_editorial_groups, sender=self)
        post_save.connect(receivers.assign_workflow_to_new_course, sender=CoursePage)
        post_save.connect(receivers.join_role_group, sender=Enrollment)
        post_delete.connect(receivers.leave_role_group, sender=Enrollment)
