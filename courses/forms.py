"""Forms of the course pages (admin) and of the members' course pages."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class CaseStudyPageForm(WagtailAdminPageForm):
    """Offers as authors only the course's key respondents, and starts with the writer.

    The full user list would leak every member's name to each key respondent.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "authors" not in self.fields:
            return
        from .models import Role

        week = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        course_id = week.get_parent().pk if week is not None and week.depth > 1 else None
        allowed = Q(enrollments__course_id=course_id, enrollments__role=Role.KEY_RESPONDENT)
        if self.instance.pk:
            allowed |= Q(pk__in=[user.pk for user in self.instance.authors.all()])
        if self.for_user is not None and self.for_user.is_authenticated:
            allowed |= Q(pk=self.for_user.pk)
            if not self.instance.pk and not self.is_bound:
                self.initial.setdefault("authors", [self.for_user.pk])
        self.fields["authors"].queryset = (
            get_user_model().objects.filter(allowed).distinct().order_by("first_name", "username")
        )


class ApplicationForm(forms.Form):
    """Applying to a course; the rules themselves live in courses/applications.py."""

    role = forms.ChoiceField(
        label=_("I apply as"),
        choices=[("participant", _("participant")), ("key_respondent", _("key respondent"))],
        widget=forms.RadioSelect,
        initial="participant",
    )
    work_description = forms.CharField(
        label=_("Your work, in a few lines"), widget=forms.Textarea(attrs={"rows": 5})
    )
    key_respondent_statement = forms.CharField(
        label=_("Key respondents: the case you would write about (300 words at most)"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
    )

    def clean(self):
        from .applications import check_statement

        cleaned = super().clean()
        statement = cleaned.get("key_respondent_statement", "")
        if cleaned.get("role") == "key_respondent":
            if not statement.strip():
                self.add_error(
                    "key_respondent_statement",
                    _("A key respondent describes their case in up to 300 words."),
                )
            else:
                try:
                    check_statement(statement)
                except ValidationError as error:
                    self.add_error("key_respondent_statement", error)
        return cleaned


class AfterCourseForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Now that the course has ended"),
        choices=[
            ("stay", _("Stay in touch: keep my subscriptions and the community space")),
            ("leave", _("Leave: unsubscribe me and close the course forum to me")),
        ],
        widget=forms.RadioSelect,
    )
