"""Sign-up through django-allauth: the profile fields, and emails in the member's language."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.contrib.auth.models import User
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .languages import LANGUAGES
from .profiles import get_profile


class SignupForm(forms.Form):
    """allauth's `ACCOUNT_SIGNUP_FORM_CLASS`: its fields are added to allauth's own form."""

    display_name = forms.CharField(label=_("Display name"), max_length=120)
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=LANGUAGES)
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    region = forms.CharField(label=_("Region or country"), max_length=120)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = (translation.get_language() or "en")[:2]
        if language in dict(LANGUAGES):
            self.fields["preferred_language"].initial = language

    def signup(self, request, user: User) -> None:
        profile = get_profile(user)
        profile.display_name = self.cleaned_data["display_name"]
        profile.preferred_language = self.cleaned_data["preferred_language"]
        profile.organisation = self.cleaned_data["organisation"]
        profile.region = self.cleaned_data["region"]
        profile.save()


class AccountAdapter(DefaultAccountAdapter):
    """Account emails (address verification, password reset) in the member's language."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        user = context.get("user")
        profile = get_profile(user) if user is not None else None
        language = profile.preferred_language if profile else translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)
