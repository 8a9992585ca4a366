from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from django.db.models.signals import (
            post_delete,
            post_migrate,
            post_save,
            pre_delete,
            pre_save,
        )
        from wagtail.models import AbstractPage
        from wagtail.permissions import register_permission_policy

        from . import receivers
        from .models import CoursePage, Enrollment
        from .permissions import CoursePagePermissionPolicy

        # Wagtail's own page policy, registered the same way, with a cache that follows the
        # courses' groups (see the class).
        register_permission_policy(AbstractPage, CoursePagePermissionPolicy())

        post_migrate.connect(receivers.set_up_editorial_groups, sender=self)
        post_save.connect(receivers.assign_workflow_to_new_course, sender=CoursePage)
        post_save.connect(receivers.give_course_groups_the_new_page, sender=CoursePage)
        post_delete.connect(receivers.drop_groups_of_deleted_course, sender=CoursePage)
        pre_save.connect(receivers.remember_enrollment_before_change, sender=Enrollment)
        pre_delete.connect(receivers.remember_enrollment_before_change, sender=Enrollment)
        post_save.connect(receivers.sync_groups_after_saving, sender=Enrollment)
        post_delete.connect(receivers.sync_groups_after_deleting, sender=Enrollment)
