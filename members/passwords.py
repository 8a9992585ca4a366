"""A password rule beyond Django's: the site's own name is the first word an attacker
tries, so a password that is mostly that name (`puentes-demo`, `Puentes2024!!!`) is
refused. Django's validators do the rest (length, common passwords, the member's name)."""

from __future__ import annotations

import re
import string

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SEPARATORS = string.punctuation + string.whitespace + string.digits


class SiteNameValidator:
    """Takes the site's names out of the password: what is left must stand as a password
    by itself, at least `min_length` characters and not one of Django's common passwords."""

    def __init__(self, names: list[str] | None = None, min_length: int = 12) -> None:
        # Longest first, so that "puentes" goes before "puente" would leave an "s".
        names = sorted(names or ["puentes"], key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(name) for name in names), re.IGNORECASE)
        self.min_length = min_length
        self.common = CommonPasswordValidator().passwords

    def validate(self, password: str, user: object = None) -> None:
        rest = self.pattern.sub("", password)
        if rest == password:
            return
        words = rest.strip(SEPARATORS).lower()
        if len(rest) < self.min_length or not words or words in self.common:
            raise ValidationError(
                _("This password is mostly the site’s name: add words of your own."),
                code="password_mostly_site_name",
            )

    def get_help_text(self) -> str:
        return _("Your password can’t be mostly the site’s name.")
