"""A model field for "the languages a course runs in"."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models

from members.languages import LANGUAGES


class LanguagesField(models.JSONField):
    """A list of language codes, edited as checkboxes.

    JSON keeps it portable between SQLite and PostgreSQL (no ArrayField), and the form
    field replaces the raw JSON text box with one checkbox per language.
    """

    def formfield(
        self,
        form_class: type[forms.Field] | None = None,
        choices_form_class: type[forms.ChoiceField] | None = None,
        **kwargs: Any,
    ) -> forms.Field:
        return forms.TypedMultipleChoiceField(
            choices=LANGUAGES,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
        )
