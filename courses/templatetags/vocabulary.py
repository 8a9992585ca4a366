"""Themes and regions as small tags, each name in the reader's language.

{% load vocabulary %}
{% vocabulary_tags page.themes.all page.territory %}
{% term_tags names %}          {# names already made: courses.vocabulary_texts.TermName #}
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from members.languages import LANGUAGE_NAMES
from translations.display import reader_languages

from ..vocabulary_texts import TermName, shown_terms

register = template.Library()


def reader_of(context) -> tuple[str, set[str]]:
    request = context.get("request")
    if request is None:
        return (get_language() or "en")[:2], set()
    return reader_languages(request.user, get_language())


@register.simple_tag(takes_context=True)
def term_names(context, terms) -> list[TermName]:
    language, reads = reader_of(context)
    return shown_terms(list(terms or []), language=language, reads=reads)


def _tag(name: TermName) -> tuple:
    title = ""
    if name.original:
        title = _("Original in %(language)s: %(text)s") % {
            "language": LANGUAGE_NAMES.get(name.source_language, ""),
            "text": name.original,
        }
    return (
        name.kind,
        name.term.slug,
        name.target or "",
        title,
        name.name,
    )


@register.simple_tag
def term_tags(names: Iterable[TermName]) -> SafeString | str:
    """The names as a list of tags (nothing when there is none)."""
    names = list(names or [])
    if not names:
        return ""
    items = format_html_join(
        "",
        '<li class="vocabulary-tag vocabulary-tag--{}" data-term="{}"{}{}>{}</li>',
        (
            (
                kind,
                slug,
                format_html(' lang="{}"', lang) if lang else "",
                format_html(' title="{}"', title) if title else "",
                text,
            )  # fmt: skip
            for kind, slug, lang, title, text in map(_tag, names)
        ),
    )
    return format_html(
        '<ul class="vocabulary-tags" aria-label="{}">{}</ul>', _("Themes and region"), items
    )


@register.simple_tag(takes_context=True)
def vocabulary_tags(context, themes, region=None) -> SafeString | str:
    terms = [*list(themes or []), *([region] if region is not None else [])]
    return term_tags(term_names(context, terms))
