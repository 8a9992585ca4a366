from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save
        from wagtail.models import AbstractPage, Page
        from wagtail.permissions import register_permission_policy
        from wagtail.signals import page_published

        from . import receivers
        from .models import CoursePage
        from .permissions import CoursePagePermissionPolicy

        # Wagtail's own page policy, registered the same way, with a cache that follows the
        # courses' groups (see the class).
        register_permission_policy(AbstractPage, CoursePagePermissionPolicy())

        post_migrate.connect(receivers.set_up_editorial_groups, sender=self)
        post_save.connect(receivers.assign_workflow_to_new_course, sender=CoursePage)
        post_save.connect(receivers.give_course_groups_the_new_page, sender=CoursePage)
        post_delete.connect(receivers.drop_groups_of_deleted_course, sender=CoursePage)
        # Bookkeeping: the cached roles of a member (courses.enrollment.course_roles).
        from .enrollment import forget_course_roles
        from .models import Enrollment

        post_save.connect(forget_course_roles, sender=Enrollment, dispatch_uid="course_roles")
        post_delete.connect(forget_course_roles, sender=Enrollment, dispatch_uid="course_roles")
        # Every page type: its texts are translated when it is published (no sender filter,
        # so that a page type added later is translated too).
        page_published.connect(receivers.translate_published_page)
        post_delete.connect(receivers.forget_texts_of_deleted_page, sender=Page)
        # The course structure kept between requests (courses/kept_structure.py): weeks and
        # courses saved (published, unpublished, edited), deleted or moved.
        from wagtail.signals import post_page_move

        from .kept_structure import structure_written
        from .models import WeekPage

        for page_model in (CoursePage, WeekPage):
            for signal in (post_save, post_delete, post_page_move):
                signal.connect(structure_written, sender=page_model, dispatch_uid="kept_structure")
        # Theme and region names (taxonomy) are translated like forum names.
        from taxonomy.models import Region, Theme

        from . import vocabulary_texts

        for model in (Theme, Region):
            post_save.connect(vocabulary_texts.term_saved, sender=model)
            post_delete.connect(vocabulary_texts.term_deleted, sender=model)
