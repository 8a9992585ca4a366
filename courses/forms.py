"""Forms of the members' course pages: applying, and the choice after the course."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


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

        super().clean()
        cleaned = self.cleaned_data
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
