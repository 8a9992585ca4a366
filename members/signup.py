"""Sign-up through django-allauth: the profile fields, usernames people can tell apart, and
emails in the member's language."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .client_address import client_address
from .emails import configured_site, links_on_site
from .languages import LANGUAGES
from .models import Visibility
from .profiles import get_profile
from .usernames import is_mixed_script, looks_like_one_of, normalise


class SignupForm(forms.Form):
    """allauth's `ACCOUNT_SIGNUP_FORM_CLASS`: its fields are added to allauth's own form."""

    display_name = forms.CharField(label=_("Display name"), max_length=120)
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=LANGUAGES)
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    region = forms.CharField(label=_("Region or country"), max_length=120)
    # Optional, and hidden unless the member says otherwise: nobody agreed to more by
    # signing up (`members.models.Profile.visibility`).
    visibility = forms.ChoiceField(
        label=_("Who sees your profile in the members' directory"),
        choices=Visibility.choices,
        initial=Visibility.HIDDEN,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Your profile shows your name, your organisation and the themes you work on. "
            "If you are not sure, leave it hidden: you can change this at any time."
        ),
    )

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
        profile.visibility = self.cleaned_data.get("visibility") or Visibility.HIDDEN
        profile.save()


class AccountAdapter(DefaultAccountAdapter):
    """Usernames people can tell apart; account emails (address verification, password
    reset) in the member's language."""

    def clean_username(self, username: str, shallow: bool = False) -> str:
        """NFKC-normalised, in one script, and not a lookalike of a taken username
        (members/usernames.py); allauth's own checks (validators, taken) in between."""
        username = super().clean_username(normalise(username), shallow=shallow)
        if is_mixed_script(username):
            raise forms.ValidationError(
                _("Please write your username in one alphabet (not Latin and Cyrillic mixed)."),
                code="username_mixed_script",
            )
        # `shallow`: allauth making up a username, with no database lookups.
        taken = get_user_model().objects.values_list("username", flat=True)
        if not shallow and looks_like_one_of(username, taken.iterator()):
            raise forms.ValidationError(
                _("This username looks too much like one already taken: please choose another."),
                code="username_confusable",
            )
        return username

    def get_client_ip(self, request: HttpRequest) -> str:
        """The address sign-ins are counted by: the client's behind our own proxies only
        (members/client_address.py)."""
        address = client_address(request)
        if not address:
            raise PermissionDenied("Unable to determine client IP address")
        return address

    def format_email_subject(self, subject: str) -> str:
        """The site's name before the subject, not the request's host."""
        return f"[{configured_site().name}] {subject}"

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """In the member's language, with links on the configured site address, not the
        request's host (members/emails.py)."""
        context = links_on_site(context)
        user = context.get("user")
        profile = get_profile(user) if user is not None else None
        language = profile.preferred_language if profile else translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)
