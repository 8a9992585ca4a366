"""A member's translation preferences: the languages they read, and keeping posts offline."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from ..languages import LANGUAGES
from ..models import Profile
from ..profiles import get_profile


class TranslationPreferencesForm(forms.ModelForm):
    reads_languages = forms.MultipleChoiceField(
        label=_("Languages I read"),
        choices=LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Posts in these languages are shown as written, without translation."),
    )

    class Meta:
        model = Profile
        fields = ["preferred_language", "reads_languages", "keep_posts_offline"]
        labels = {"preferred_language": _("Translate the other posts into")}


@login_required
def translation_preferences(request: HttpRequest) -> HttpResponse:
    profile = get_profile(request.user)
    form = TranslationPreferencesForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your translation preferences are saved."))
        return redirect("members:translation_preferences")
    return render(request, "members/translation_preferences.html", {"form": form})
