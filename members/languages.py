"""The languages of Puentes: the one list every app reads (settings included)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

#: (code, name) of every language the site is read, written and translated in.
LANGUAGES = [("es", _("Spanish")), ("fr", _("French")), ("en", _("English"))]
LANGUAGE_CODES = [code for code, _name in LANGUAGES]
LANGUAGE_NAMES = dict(LANGUAGES)
