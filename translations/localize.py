"""wagtail-localize's "Machine translate" button, on the project's own engines.

wagtail-localize hands over strings of inline HTML (``<b>``, ``<a id="a1">``, ``<br>``).
Tags become ``{n}`` placeholders (which every engine keeps, see
:mod:`translations.segments`), entities become characters, and the text goes through
the segment memory and the same engine as forum posts, so it works offline with Apertium.
A string whose placeholders did not survive is left for a human (wagtail-localize then
keeps it untranslated).

The course's glossary applies too, as for posts. wagtail-localize calls
``translate(source_locale, target_locale, strings)`` with nothing that says which page the
strings come from (they are deduplicated across pages), and this app must not import the
courses app to find out. So the caller says it: the admin views that run a machine
translation are wrapped (see :mod:`courses.localize`) in :func:`glossary_of`, which puts the
page's course in a context variable for the duration of the request. A context variable
rather than a thread-local, because it is reset exactly on exit, whatever the concurrency
model; outside such a block (a snippet, a script) no glossary applies.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils.translation import gettext_lazy as _
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

from translations.engines import Engine
from translations.glossary import Glossary, ProtectedSegment, glossary_for
from translations.memory import translate_segments
from translations.pipeline import SUPPORTED, configured_engine
from translations.segments import PLACEHOLDER

_TAG = re.compile(r"<[^>]*>")

#: The glossary that applies to the machine translations made meanwhile.
_glossary: ContextVar[int | None] = ContextVar("glossary", default=None)


@contextmanager
def glossary_of(glossary: int | None) -> Iterator[None]:
    """Machine translations made inside this block use this glossary (None: none)."""
    token = _glossary.set(glossary)
    try:
        yield
    finally:
        _glossary.reset(token)


def current_glossary(source: str) -> Glossary:
    return glossary_for(_glossary.get(), source)


def language_code(locale) -> str:
    return locale.language_code.split("-")[0].lower()


def html_to_segment(data: str) -> tuple[str, list[str]]:
    """Inline HTML → prose with ``{n}`` for each tag, and the tags in order."""
    tags: list[str] = []
    parts: list[str] = []
    position = 0
    for match in _TAG.finditer(data):
        parts.append(html.unescape(data[position : match.start()]))
        tags.append(match.group())
        parts.append(f"{{{len(tags)}}}")
        position = match.end()
    parts.append(html.unescape(data[position:]))
    return "".join(parts), tags


def segment_to_html(text: str, tags: list[str]) -> str | None:
    """Back to inline HTML; None if a tag was lost, duplicated or reordered across pairs."""
    numbers = [int(match.group(1)) for match in PLACEHOLDER.finditer(text)]
    if sorted(numbers) != list(range(1, len(tags) + 1)):
        return None
    pieces = PLACEHOLDER.split(text)
    # split() alternates text and captured numbers.
    output = [html.escape(pieces[0], quote=False)]
    for index in range(1, len(pieces), 2):
        output.append(tags[int(pieces[index]) - 1])
        output.append(html.escape(pieces[index + 1], quote=False))
    result = "".join(output)
    return result if _tags_nest(result) else None


def same_placeholders(text: str, translated: str) -> bool:
    """For the memory: keep only translations with every placeholder exactly once."""
    numbers = sorted(int(match.group(1)) for match in PLACEHOLDER.finditer(translated))
    return numbers == sorted(int(match.group(1)) for match in PLACEHOLDER.finditer(text))


def _tags_nest(fragment: str) -> bool:
    stack: list[str] = []
    for tag in _TAG.findall(fragment):
        name = re.match(r"</?\s*([a-zA-Z0-9]+)", tag)
        if name is None or tag.endswith("/>") or name.group(1).lower() == "br":
            continue
        if tag.startswith("</"):
            if not stack or stack.pop() != name.group(1).lower():
                return False
        else:
            stack.append(name.group(1).lower())
    return not stack


class EngineMachineTranslator(BaseMachineTranslator):
    """The configured engine (Apertium by default) behind wagtail-localize's editor."""

    display_name = _("Puentes translation engine")

    def engine(self) -> Engine:
        return configured_engine()

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        source, target = language_code(source_locale), language_code(target_locale)
        converted = [html_to_segment(string.data) for string in strings]
        glossary = current_glossary(source)
        protected = [glossary.protect(text) for text, _tags in converted]
        by_text: dict[str, ProtectedSegment] = {item.text: item for item in protected}

        def accepts(text: str, translated: str) -> bool:
            restored = by_text[text].restore(translated, target)
            return restored is not None and same_placeholders(by_text[text].source, restored)

        translated, _sent = translate_segments(
            [item.text for item in protected],
            source=source,
            target=target,
            engine=self.engine(),
            accepts=accepts,
        )
        results = {}
        for string, (_text, tags), item, output in zip(
            strings, converted, protected, translated, strict=True
        ):
            restored = item.restore(output.strip(), target)
            rebuilt = segment_to_html(restored, tags) if restored is not None else None
            results[string] = StringValue(rebuilt) if rebuilt is not None else None
        return results

    def can_translate(self, source_locale, target_locale) -> bool:
        source, target = language_code(source_locale), language_code(target_locale)
        return source != target and source in SUPPORTED and target in SUPPORTED
