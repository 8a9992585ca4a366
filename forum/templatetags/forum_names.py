"""`{% forum_name forum %}`: a forum's name in the reader's language, its original at hand."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from members.languages import LANGUAGE_NAMES
from translations.display import reader_languages
from translations.pipeline import markup_renderer
from translations.shown_texts import ShownText

from ..forum_names import shown_names

register = template.Library()


def _names(context, field: str = "name") -> dict:
    """Every forum's name (or description), loaded once per request."""
    request = context.get("request")
    attribute = f"_puentes_forum_{field}s"
    cached = getattr(request, attribute, None) if request is not None else None
    if cached is None:
        if request is not None:
            language, reads = reader_languages(request.user, get_language())
        else:
            language, reads = (get_language() or "en")[:2], set()
        cached = shown_names(language=language, reads=reads, field=field)
        if request is not None:
            setattr(request, attribute, cached)
    return cached


def _name(context, forum) -> tuple[str, ShownText | None]:
    shown = _names(context).get(forum.pk)
    if shown is None or shown.original != forum.name or not shown.has_translation:
        return forum.name, None
    return shown.translated, shown


@register.simple_tag(takes_context=True)
def forum_name(context, forum):
    """The name, translated; the original in its title (a hover, and for screen readers)."""
    name, shown = _name(context, forum)
    if shown is None:
        return name
    return format_html(
        '<span lang="{}" title="{}">{}</span>',
        shown.target,
        _("Original in %(language)s: %(text)s")
        % {"language": shown_language_name(shown), "text": shown.original},
        name,
    )


@register.simple_tag(takes_context=True)
def forum_name_text(context, forum) -> str:
    """The name as plain text (an attribute, a feed title)."""
    return _name(context, forum)[0]


def shown_language_name(shown) -> str:
    return str(LANGUAGE_NAMES.get(shown.language or "", ""))


@register.simple_tag(takes_context=True)
def forum_description(context, forum):
    """The description, rendered and sanitised like the original (machina's renderer)."""
    original = forum.description.raw if forum.description is not None else ""
    rendered = forum.description.rendered if forum.description is not None else ""
    shown = _names(context, "description").get(forum.pk)
    if shown is None or shown.original != original or not shown.has_translation:
        return rendered or ""
    return format_html(
        '<div lang="{}" title="{}">{}</div>',
        shown.target,
        _("Original in %(language)s: %(text)s")
        % {"language": shown_language_name(shown), "text": shown.original},
        SafeString(markup_renderer()(shown.translated)),
    )
