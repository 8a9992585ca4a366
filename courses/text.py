"""Measuring written text the way its author sees it."""

from __future__ import annotations

import re
from html import unescape

from django.utils.html import strip_tags

_WORD = re.compile(r"\w[\w'’-]*")


def count_words(html: str | None) -> int:
    """Words of a rich-text value: tags are not words, and `l'économie` is one."""
    if not html:
        return 0
    # A space per tag, so that `</p><p>` does not glue two paragraphs' words together.
    text = unescape(strip_tags(re.sub(r"<", " <", html)))
    return len(_WORD.findall(text))


def count_text_words(text: str | None) -> int:
    """Words of plain text (a form field), counted as `count_words` and the live counter do."""
    return len(_WORD.findall(text or ""))
