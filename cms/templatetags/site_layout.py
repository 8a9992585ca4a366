"""What the site layout needs to know that templates cannot say: where to sign in and out."""

from __future__ import annotations

from django import template
from django.apps import apps
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

register = template.Library()


@register.simple_tag
def sign_in_url() -> str:
    return resolve_url(settings.LOGIN_URL)


@register.simple_tag
def sign_out_url() -> str:
    # Members sign in with allauth; without it, the Wagtail admin's login is the only one.
    if apps.is_installed("allauth.account"):
        return reverse("account_logout")
    return reverse("wagtailadmin_logout")
