"""The admin form of case-study pages."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminPageForm

from .models.enrollments import Role


class CaseStudyPageForm(WagtailAdminPageForm):
    """Offers as authors only the course's key respondents, and starts with the writer.

    The full user list would leak every member's name to each key respondent.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "authors" not in self.fields:
            return
        week = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        course = week.get_parent() if week is not None and week.depth > 1 else None
        allowed = Q(
            enrollments__course_id=getattr(course, "pk", None),
            enrollments__role=Role.KEY_RESPONDENT,
        )
        if self.instance.pk:
            allowed |= Q(pk__in=[user.pk for user in self.instance.authors.all()])
        if self.for_user is not None and self.for_user.is_authenticated:
            allowed |= Q(pk=self.for_user.pk)
            if not self.instance.pk and not self.is_bound:
                self.initial.setdefault("authors", [self.for_user.pk])
        self.fields["authors"].queryset = (
            get_user_model().objects.filter(allowed).distinct().order_by("first_name", "username")
        )


class WeekPageForm(WagtailAdminPageForm):
    """Lets a new week's dates be checked against its course's before it is in the tree
    (`WeekPage.clean` reads the parent; a page being created has none yet)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.parent_page is not None and not self.instance.path:
            self.instance.parent_for_validation = self.parent_page
