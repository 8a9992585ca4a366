"""Template tags that show a page's (or a forum's) texts in the reader's language.

    {% texts_of page as texts %}
    {% include "partials/text_label.html" with texts=texts %}
    <h1>{% text texts "title" page.title %}</h1>
    {% text texts "introduction" page.introduction rich=True %}

Each text is written in both versions, the original hidden (or the translation, after
"Show original"); the label's link swaps them in place with JavaScript, or asks the server
for the originals without it (``?original=page``). The live value given to ``text`` is
the original: a translation made from an older text is never shown.

A reader who may correct the translations (the forum decides who: the template sets
``text_editing``, see :class:`TextEditing`) also gets, on each translated text, the id of
its translation (``data-text-translation``) and an "Edit" control beside it. A text shown
inside a link takes ``edit_control=False`` and its control after the link
(``{% text_edit texts "title" page.title %}``): a link cannot hold another.
"""

from __future__ import annotations

from typing import Any, Protocol

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from wagtail.templatetags.wagtailcore_tags import richtext

from translations.display import reader_languages
from translations.shown_texts import ObjectTexts, ShownText, texts_of

register = template.Library()

#: The value of ``?original=`` that shows every page text as written.
ORIGINAL = "page"

#: The context variable that holds the reader's :class:`TextEditing`, if they have one.
EDITING = "text_editing"


class TextEditing(Protocol):
    """Whose corrections a page takes, told by the layer that knows the rights (the forum's
    `page_text_editing` tag): this layer only marks the texts and places the control."""

    def may_edit(self, obj: Any) -> bool: ...

    def control(self, obj: Any, field: str, shown: ShownText) -> SafeString:
        """The "Edit" control of one text (which says whether a translator reviewed it)."""
        ...


def texts_key(obj: Any) -> str:
    """Names an object in the page, so that a control finds its object's label."""
    return f"{obj._meta.label_lower}:{obj.pk}" if obj is not None else ""


def _reader(context) -> tuple[str, set[str], bool]:
    request = context.get("request")
    if request is None:
        return (get_language() or "en")[:2], set(), False
    language, reads = reader_languages(request.user, get_language())
    return language, reads, ORIGINAL in request.GET.getlist("original")


def _toggle_url(context, showing_original: bool) -> str:
    request = context.get("request")
    if request is None:
        return ""
    query = request.GET.copy()
    others = [value for value in query.getlist("original") if value != ORIGINAL]
    query.setlist("original", others if showing_original else [*others, ORIGINAL])
    return f"?{query.urlencode()}" if query else "?"


@register.simple_tag(takes_context=True)
def texts_of_each(context, objects) -> list[tuple[object, ObjectTexts]]:
    """Every object with its texts (one pair per object, in order), for a loop."""
    objects = list(objects)
    if not objects:
        return []
    language, reads, original = _reader(context)
    items = texts_of(objects, language=language, reads=reads, show_original=original)
    toggle = _toggle_url(context, original)
    for item in items:
        item.toggle_url = toggle
    return list(zip(objects, items, strict=True))


@register.simple_tag(name="texts_of", takes_context=True)
def texts_of_tag(context, obj) -> ObjectTexts:
    if obj is None:
        return ObjectTexts(None)
    return texts_of_each(context, [obj])[0][1]


def render_text(value: str, *, rich: bool = False, lines: bool = False) -> SafeString:
    """A text as the page shows it: rich text, paragraphs, or inline (escaped)."""
    if rich:
        return SafeString(richtext(value))
    if lines:
        return SafeString(linebreaks_filter(value, autoescape=True))
    return SafeString(conditional_escape(value))


def editing_for(context, texts: ObjectTexts, shown: ShownText) -> TextEditing | None:
    """The reader's editing, if they may correct this translation."""
    editing = context.get(EDITING)
    if not editing or not shown.has_translation or shown.translation_id is None:
        return None
    return editing if editing.may_edit(texts.obj) else None


@register.simple_tag(takes_context=True)
def text(
    context,
    texts: ObjectTexts,
    field: str,
    original=None,
    rich: bool = False,
    lines: bool = False,
    edit_control: bool = True,
):
    """One text, translated if there is a translation, its original beside it (hidden)."""
    if not isinstance(texts, ObjectTexts):  # a block rendered outside its page's texts
        value = getattr(original, "source", original)
        return render_text("" if value is None else str(value), rich=rich, lines=lines)
    shown: ShownText = texts.get(field, original)
    tag = "div" if rich or lines else "span"
    original_html = render_text(shown.original, rich=rich, lines=lines)
    if not shown.has_translation:
        if shown.language:
            return format_html('<{} lang="{}">{}</{}>', tag, shown.language, original_html, tag)
        return original_html
    translated_html = render_text(shown.translated, rich=rich, lines=lines)
    hide_translation = " hidden" if shown.showing_original else ""
    hide_original = "" if shown.showing_original else " hidden"
    editing = editing_for(context, texts, shown)
    marker = f' data-text-translation="{shown.translation_id}"' if editing else ""
    control = (
        format_html(" {}", editing.control(texts.obj, field, shown))
        if editing and edit_control
        else ""
    )
    return mark_safe(  # noqa: S308 -- every part is escaped or rendered above
        f'<{tag} data-version="translation" lang="{shown.target}"{marker}{hide_translation}>'
        f"{translated_html}</{tag}>"
        f'<{tag} data-version="original" lang="{shown.language}"{hide_original}>'
        f"{original_html}</{tag}>{control}"
    )


@register.simple_tag(takes_context=True)
def text_edit(context, texts: ObjectTexts, field: str, original=None) -> str:
    """The "Edit" control alone, for a text shown inside a link (``edit_control=False``)."""
    if not isinstance(texts, ObjectTexts):
        return ""
    shown = texts.get(field, original)
    editing = editing_for(context, texts, shown)
    if editing is None:
        return ""
    return format_html(" {}", editing.control(texts.obj, field, shown))


@register.simple_tag
def plain_text(texts: ObjectTexts, field: str, original=None) -> str:
    """The text shown first, as plain text (a link's title, an attribute, a <title>)."""
    if not isinstance(texts, ObjectTexts):
        return "" if original is None else str(original)
    return texts.get(field, original).shown


@register.simple_tag(takes_context=True)
def block_text(
    context,
    texts: ObjectTexts,
    block_id,
    field: str,
    original=None,
    rich: bool = False,
    lines: bool = False,
    edit_control: bool = True,
):
    """A text of a StreamField block (a reading's title, a question), keyed by its block id."""
    return text(
        context,
        texts,
        f"{block_id}.{field}",
        original,
        rich=rich,
        lines=lines,
        edit_control=edit_control,
    )


@register.simple_tag(takes_context=True)
def block_text_edit(context, texts: ObjectTexts, block_id, field: str, original=None) -> str:
    """The control alone of a block's text shown inside a link."""
    return text_edit(context, texts, f"{block_id}.{field}", original)


@register.filter
def texts_of_key(texts: ObjectTexts) -> str:
    """The object's name in the page (its label carries it), see :func:`texts_key`."""
    return texts_key(getattr(texts, "obj", None))
