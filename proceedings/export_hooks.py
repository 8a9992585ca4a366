"""The Wagtail admin's "Exports" menu item, for organizers: to the exports of the courses
they organize (the page itself is on the site, proceedings/views/exports.py).

Imported by `proceedings.wagtail_hooks` (Wagtail only discovers that module).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from courses.enrollment import organized_courses


class ExportsMenuItem(MenuItem):
    def is_shown(self, request):
        return organized_courses(request.user).exists()


@hooks.register("register_admin_menu_item")
def exports_menu_item():
    return ExportsMenuItem(
        _("Exports"), reverse("proceedings:exports_index"), icon_name="download", order=240
    )
