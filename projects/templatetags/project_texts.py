"""Markdown texts of projects (descriptions, updates, offers' messages) in the reader's
language, with their original beside them, as `page_texts`'s ``text`` tag does for plain
and rich texts: both versions rendered through the posts' Markdown and sanitiser
(`forum.markdown`), so that neither the author nor an engine can put markup on the page.

    {% load page_texts project_texts %}
    {% texts_of project as texts %}
    {% markdown_text texts "description" project.description %}
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from forum.markdown import render_markdown
from translations.shown_texts import ObjectTexts, ShownText
from translations.templatetags.page_texts import editing_for

register = template.Library()


def _markdown(value: str) -> SafeString:
    return SafeString(render_markdown(value))  # sanitised by nh3 (forum.markdown)


@register.simple_tag(takes_context=True)
def markdown_text(context, texts: ObjectTexts, field: str, original: Any = None) -> SafeString:
    """One Markdown text: the translation if there is one, the original hidden beside it;
    for a translator, the "Edit" control after it (`page_texts.text` does the same)."""
    if not isinstance(texts, ObjectTexts):
        return _markdown("" if original is None else str(original))
    shown: ShownText = texts.get(field, original)
    if not shown.has_translation:
        if shown.language:
            return format_html('<div lang="{}">{}</div>', shown.language, _markdown(shown.original))
        return format_html("<div>{}</div>", _markdown(shown.original))
    hide_translation = " hidden" if shown.showing_original else ""
    hide_original = "" if shown.showing_original else " hidden"
    editing = editing_for(context, texts, shown)
    marker = f' data-text-translation="{shown.translation_id}"' if editing else ""
    control = format_html(" {}", editing.control(texts.obj, field, shown)) if editing else ""
    return mark_safe(  # noqa: S308 -- both texts are sanitised, the languages are codes
        f'<div data-version="translation" lang="{shown.target}"{marker}{hide_translation}>'
        f"{_markdown(shown.translated)}</div>"
        f'<div data-version="original" lang="{shown.language}"{hide_original}>'
        f"{_markdown(shown.original)}</div>{control}"
    )


@register.filter
def name_of(names: dict, key: Any) -> str:
    """A name from a dict by id (themes', regions', needs' names in the reader's language)."""
    if not names or key is None:
        return ""
    return str(names.get(getattr(key, "pk", key), ""))
