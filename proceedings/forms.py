"""The harvest form (a passage, its themes, regions and note) and the consent form; theme
and region names in the reader's language, chosen from the course's own vocabulary."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage

from .harvest import clean_passage_text
from .models import QuoteConsent
from .vocabulary import course_regions, course_themes, term_names


class TermsField(forms.ModelMultipleChoiceField):
    """Themes or regions as checkboxes, each named in the reader's language."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *args, names: dict[int, str], **kwargs) -> None:
        self.names = names
        super().__init__(*args, required=False, **kwargs)

    def label_from_instance(self, obj) -> str:
        return self.names.get(obj.pk, obj.name)


class RegionField(forms.ModelChoiceField):
    """One region, named in the reader's language."""

    def __init__(self, *args, names: dict[int, str], **kwargs) -> None:
        self.names = names
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj) -> str:
        return self.names.get(obj.pk, obj.name)


class PassageForm(forms.Form):
    text = forms.CharField(
        label=_("Passage"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_(
            "A part of the post, as written: trim it to the passage that matters. "
            "Empty: the whole post."
        ),
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("For the organizers: why this passage matters (not published)."),
    )

    def __init__(self, *args, post, course: CoursePage, language: str, reads=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.post = post
        # A long selection on the topic page reaches the form through static/js/harvest.js.
        self.fields["text"].widget.attrs["data-harvest-text"] = str(post.pk)
        themes, regions = course_themes(course), course_regions(course)
        self.fields["themes"] = TermsField(
            themes,
            label=_("Themes"),
            names=term_names(list(themes), language=language, reads=reads),
        )
        self.fields["regions"] = TermsField(
            regions,
            label=_("Regions"),
            names=term_names(list(regions), language=language, reads=reads),
        )
        self.order_fields(["text", "themes", "regions", "note"])

    def clean_text(self) -> str:
        try:
            return clean_passage_text(self.cleaned_data.get("text", ""), self.post)
        except ValidationError as error:
            raise forms.ValidationError(error.messages, code="not_in_post") from error


class ConsentForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("May the proceedings of this course quote you?"),
        choices=QuoteConsent.Choice.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, course: CoursePage, language: str, reads=(), **kwargs):
        super().__init__(*args, **kwargs)
        regions = course_regions(course)
        self.fields["region"] = RegionField(
            regions,
            names=term_names(list(regions), language=language, reads=reads),
            label=_("Describe me as from"),
            required=False,
            empty_label=_("No region (“a participant”)"),
            help_text=_("Only for an anonymous quote: “a participant from …”."),
        )
