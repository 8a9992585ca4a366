"""The forms of the projects pages; themes and territories named in the reader's language."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from courses.vocabulary_texts import shown_terms
from taxonomy.models import Region, Theme
from translations.display import reader_languages

from .models import Need, Offer, Project, Update


class NamedChoices:
    """Theme and region choices labelled in the reader's language."""

    def __init__(self, names: dict[int, str]) -> None:
        self.names = names

    def __call__(self, term) -> str:
        if term.pk in self.names:
            return self.names[term.pk]
        return str(term)


def term_labels(user: Any) -> tuple[dict[int, str], dict[int, str]]:
    """Every theme's and region's name for this reader (two queries and the texts')."""
    themes, regions = list(Theme.objects.all()), list(Region.objects.all())
    language, reads = reader_languages(user, get_language())
    names = shown_terms([*themes, *regions], language=language, reads=reads)
    return (
        {n.term.pk: n.name for n in names if isinstance(n.term, Theme)},
        {n.term.pk: n.name for n in names if isinstance(n.term, Region)},
    )


class ProjectForm(forms.ModelForm):
    crowdfunding_url = forms.URLField(
        label=_("Crowdfunding page"),
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("A link to the project's page on an outside crowdfunding site, if any."),
    )

    class Meta:
        model = Project
        fields = ["title", "description", "territory", "themes", "crowdfunding_url"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "themes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        themes, regions = term_labels(user)
        self.fields["themes"].label_from_instance = NamedChoices(themes)  # type: ignore[attr-defined]
        self.fields["territory"].label_from_instance = NamedChoices(regions)  # type: ignore[attr-defined]
        self.fields["territory"].empty_label = _("None")  # type: ignore[attr-defined]


class NeedForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = ["kind", "description", "places", "schedule", "paid"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("kind") == Need.Kind.VOLUNTEERS and not cleaned.get("places"):
            self.add_error("places", _("Say how many volunteers the project needs."))
        return cleaned


class OfferForm(forms.Form):
    need = forms.ModelChoiceField(
        label=_("What you offer"), queryset=Need.objects.none(), required=False
    )
    kind = forms.ChoiceField(
        label=_("Or, in general"),
        choices=Offer.Kind.choices,
        required=False,
        help_text=_("When your offer is for none of the needs listed."),
    )
    message = forms.CharField(
        label=_("Message to the owner"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )
    fee = forms.CharField(
        label=_("Fee (expertise)"),
        required=False,
        max_length=200,
        help_text=_("Leave empty if you offer your expertise for free."),
    )

    def __init__(self, *args: Any, project: Project, need_labels: dict[int, str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["need"]
        field.queryset = project.needs.all()  # type: ignore[attr-defined]
        field.label_from_instance = NamedChoices(need_labels)  # type: ignore[attr-defined]
        field.empty_label = _("None of these")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("need") and not cleaned.get("kind"):
            raise forms.ValidationError(_("Choose a need, or what you offer in general."))
        return cleaned


class UpdateForm(forms.ModelForm):
    class Meta:
        model = Update
        fields = ["text", "visibility"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5}), "visibility": forms.RadioSelect}


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is hidden (its owner reads this)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class ProjectFilters(forms.Form):
    """The listing's filters (GET)."""

    territory = forms.ModelChoiceField(
        label=_("Territory"), queryset=Region.objects.all(), required=False
    )
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.all(), required=False)
    need = forms.ChoiceField(
        label=_("Looking for"), choices=[("", _("Anything")), *Need.Kind.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("open", _("Open")), ("closed", _("Closed")), ("all", _("All"))],
        required=False,
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        themes, regions = term_labels(user)
        self.fields["theme"].label_from_instance = NamedChoices(themes)  # type: ignore[attr-defined]
        self.fields["theme"].empty_label = _("Any")  # type: ignore[attr-defined]
        self.fields["territory"].label_from_instance = NamedChoices(regions)  # type: ignore[attr-defined]
        self.fields["territory"].empty_label = _("Anywhere")  # type: ignore[attr-defined]
