"""The member's profile form and the directory's filters, vocabulary named in the reader's
language."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.vocabulary_texts import TermName
from forum.forms import NamedChoices
from members.languages import LANGUAGES
from members.models import BIO_MAX, Profile, Visibility
from taxonomy.models import Region, Theme

SHOWN_FIELDS = (
    "show_organisation",
    "show_territory",
    "show_themes",
    "show_languages",
    "show_expertise",
    "show_bio",
    "show_contributions",
)


def _names(names: list[TermName], kind: type) -> dict[int, str]:
    return {name.term.pk: name.name for name in names if isinstance(name.term, kind)}


class ProfileForm(forms.ModelForm):
    visibility = forms.ChoiceField(
        label=_("Who sees my profile"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Your profile stays hidden until you choose who sees it. Signed-in members find "
            "you in the directory only if you choose them; visitors who are not signed in see "
            "nothing of you unless you choose “Everyone”. The site's staff can always open "
            "your profile."
        ),
    )

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "organisation",
            "region",
            "territory",
            "themes",
            "expertise",
            "bio",
            "visibility",
            *SHOWN_FIELDS,
        ]
        labels = {"bio": _("About me"), "expertise": _("Expertise I offer")}
        help_texts = {
            "region": _("In your own words (as asked at sign-up)."),
            "territory": _("The region of the site's vocabulary you work in."),
            "expertise": _("What you can offer other members: advice, training, tools..."),
            "bio": _("A few lines about you and your work, in your language: it is translated."),
        }
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "bio": forms.Textarea(attrs={"rows": 6, "maxlength": BIO_MAX}),
            "expertise": forms.Textarea(attrs={"rows": 4, "maxlength": BIO_MAX}),
        }

    def __init__(self, *args, names: list[TermName], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["display_name"].required = True
        territory = cast(Any, self.fields["territory"])
        territory.label_from_instance = NamedChoices(_names(names, Region))
        territory.empty_label = _("None")
        themes = cast(Any, self.fields["themes"])
        themes.label_from_instance = NamedChoices(_names(names, Theme))

    @property
    def shown_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in SHOWN_FIELDS]

    @property
    def profile_fields(self) -> list[forms.BoundField]:
        return [
            self[name] for name in self.Meta.fields if name not in (*SHOWN_FIELDS, "visibility")
        ]


class DirectoryFilters(forms.Form):
    """The directory's filters, read from the query string (each one optional)."""

    q = forms.CharField(label=_("Name, organisation or expertise"), required=False, max_length=200)
    territory = forms.ModelChoiceField(
        label=_("Territory"),
        queryset=Region.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any territory"),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any theme"),
    )
    language = forms.ChoiceField(
        label=_("Reads"), choices=[("", _("Any language")), *LANGUAGES], required=False
    )

    def __init__(self, *args, names: list[TermName], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, kind in (("territory", Region), ("theme", Theme)):
            field = cast(Any, self.fields[name])
            field.label_from_instance = NamedChoices(_names(names, kind))
