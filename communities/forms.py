"""The forms of the communities' pages; themes and territories named in the reader's
language (`forum.forms.NamedChoices`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from machina.core.db.models import get_model

from courses.vocabulary_texts import shown_terms
from forum.forms import NamedChoices
from forum.models import CommunityOfPractice
from taxonomy.models import Region, Theme
from translations.display import reader_languages

Topic: Any = get_model("forum_conversation", "Topic")


def name_terms(form: forms.Form, user: Any, themes: str = "themes", region: str = "region") -> None:
    """Label the form's theme and region choices in the reader's language."""
    terms: list[Theme | Region] = [*Theme.objects.all(), *Region.objects.all()]
    language, reads = reader_languages(user, get_language())
    names = shown_terms(terms, language=language, reads=reads)
    form.fields[themes].label_from_instance = NamedChoices(  # type: ignore[attr-defined]
        {n.term.pk: n.name for n in names if isinstance(n.term, Theme)}
    )
    form.fields[region].label_from_instance = NamedChoices(  # type: ignore[attr-defined]
        {n.term.pk: n.name for n in names if isinstance(n.term, Region)}
    )


class ProposalForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    purpose = forms.CharField(
        label=_("Purpose"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        help_text=_("What the community is for, who it brings together."),
    )
    access = forms.ChoiceField(
        label=_("Access"),
        choices=[
            (CommunityOfPractice.Access.OPEN, _("Open: any member joins in one click")),
            (
                CommunityOfPractice.Access.PRIVATE,
                _("Private: by invitation or by request approved by its hosts"),
            ),
        ],
        widget=forms.RadioSelect,
        initial=CommunityOfPractice.Access.OPEN,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    region = forms.ModelChoiceField(
        label=_("Territory"), queryset=Region.objects.all(), required=False, empty_label=_("None")
    )

    def __init__(self, *args, user: Any = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        name_terms(self, user)


class FilterForm(forms.Form):
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.all(), required=False, empty_label=_("All")
    )
    region = forms.ModelChoiceField(
        label=_("Territory"), queryset=Region.objects.all(), required=False, empty_label=_("All")
    )

    def __init__(self, *args, user: Any = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        name_terms(self, user, themes="theme")


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the hosts (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InviteForm(forms.Form):
    username = forms.CharField(label=_("Username of the member to invite"), max_length=150)

    def clean_username(self) -> User:
        user = User.objects.filter(
            username=self.cleaned_data["username"].strip(), is_active=True
        ).first()
        if user is None:
            raise forms.ValidationError(_("No member has this username."))
        return user


class ShareForm(forms.Form):
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.none())
    to_community = forms.ModelChoiceField(
        label=_("Share with"), queryset=CommunityOfPractice.objects.none()
    )

    def __init__(self, *args, community: CommunityOfPractice, targets, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(  # type: ignore[attr-defined]
            forum_id=community.forum_id, approved=True
        ).order_by("-last_post_on")
        self.fields["to_community"].queryset = targets  # type: ignore[attr-defined]
