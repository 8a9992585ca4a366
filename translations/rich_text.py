"""Rich text (Wagtail's HTML) in, prose segments out, and back.

The prose of each block of a rich text (a paragraph, a heading, a list item, a quote, a
table cell; a list item's own words apart from the list inside it) is one segment,
protected as a Markdown post's are (see :mod:`translations.segments`): its inline tags
(``<b>``, ``<a linktype="page" id="3">``, ``<br/>``) become ``{n}`` placeholders, a tag
and its closing tag a pair, and so do the bare URLs, e-mail addresses and printf or
format placeholders (``%(name)s``, ``%s``, ``{name}``) of its text. Apertium would carry
those; an online engine translates them (``%(nombre)s``). Entities become characters,
and code (``<code>``) stays as written.

The HTML is read with the standard library's tolerant tokenizer, which says where each
tag starts, and :meth:`RichTextDocument.rebuild` writes each translation over the exact
source range its segment came from: everything else, tags included, stays byte for byte
as written, even HTML a parser would repair (a stray ``</b>``, an unclosed ``<a>``). A
segment that lost or crossed a placeholder is kept as written, never dropped. Text coming
back from an engine is escaped: only the source's own tags are ever written.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.parser import HTMLParser

from translations.segments import ProtectedText, ProtectedTextBuilder, add_prose

#: Elements that hold a block of prose (a segment) when no other block sits inside them.
_BLOCKS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "td", "th", "dt", "dd"}
)
#: Elements with no closing tag.
_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"})
#: Blocks a new block (or the same element) closes when their closing tag was left out.
_CLOSED_BY_BLOCK = frozenset({"p"})
_CLOSED_BY_SAME = frozenset({"p", "li", "dt", "dd", "td", "th"})
#: Elements whose content is code, not prose.
_RAW = frozenset({"script", "style", "textarea", "code", "pre"})


@dataclass(frozen=True)
class _Tag:
    """A tag (or comment, declaration) in the source: where it is, what it opens or closes."""

    start: int
    end: int
    name: str = ""
    #: "start", "end", or "atom" (a void or self-closing tag, a comment).
    kind: str = "atom"


@dataclass
class _Open:
    name: str
    start: int
    content_start: int
    #: Source ranges (tags included) of the blocks inside it.
    blocks: list[tuple[int, int]] = field(default_factory=list)


class _Scanner(HTMLParser):
    """The tags of a fragment with their source ranges (HTMLParser reports line, column)."""

    def __init__(self, data: str) -> None:
        super().__init__(convert_charrefs=False)
        self.data = data
        self.tags: list[_Tag] = []
        self._line_starts = [0]
        for index, char in enumerate(data):
            if char == "\n":
                self._line_starts.append(index + 1)

    def _here(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _to(self, start: int, closing: str) -> int:
        end = self.data.find(closing, start)
        return len(self.data) if end < 0 else end + len(closing)

    def handle_starttag(self, tag: str, attrs: object) -> None:
        start = self._here()
        end = start + len(self.get_starttag_text() or "")
        self.tags.append(_Tag(start, end, tag, "atom" if tag in _VOID else "start"))

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        start = self._here()
        self.tags.append(_Tag(start, start + len(self.get_starttag_text() or ""), tag))

    def handle_endtag(self, tag: str) -> None:
        start = self._here()
        self.tags.append(_Tag(start, self._to(start, ">"), tag, "end"))

    def handle_comment(self, data: str) -> None:
        start = self._here()
        self.tags.append(_Tag(start, self._to(start, "-->")))

    def _markup(self, closing: str) -> None:
        start = self._here()
        self.tags.append(_Tag(start, self._to(start, closing)))

    def handle_decl(self, decl: str) -> None:
        self._markup(">")

    def handle_pi(self, data: str) -> None:
        self._markup(">")

    def unknown_decl(self, data: str) -> None:
        self._markup("]]>" if data.startswith("CDATA[") else ">")


def _scan(data: str) -> list[_Tag]:
    scanner = _Scanner(data)
    scanner.feed(data)
    scanner.close()
    return scanner.tags


def _prose_ranges(data: str, tags: list[_Tag]) -> list[tuple[int, int]] | None:
    """Where the prose of each block lies; None if there is no block.

    A block's prose is its content less the blocks inside it: ``<li>Two<ul><li>Three…``
    gives "Two" and "Three".
    """
    ranges: list[tuple[int, int]] = []
    stack: list[_Open] = []
    seen_block = False

    def close(at: int, after: int) -> None:
        element = stack.pop()
        if element.name in _BLOCKS:
            position = element.content_start
            for start, end in element.blocks:
                ranges.append((position, start))
                position = end
            ranges.append((position, at))
        if stack and (element.name in _BLOCKS or element.blocks):
            stack[-1].blocks.append((element.start, after))

    for tag in tags:
        if tag.kind == "start":
            if stack and (
                (tag.name in _BLOCKS and stack[-1].name in _CLOSED_BY_BLOCK)
                or (tag.name == stack[-1].name and tag.name in _CLOSED_BY_SAME)
            ):
                close(tag.start, tag.start)
            seen_block = seen_block or tag.name in _BLOCKS
            stack.append(_Open(tag.name, tag.start, tag.end))
        elif tag.kind == "end" and any(element.name == tag.name for element in stack):
            while stack[-1].name != tag.name:
                close(tag.start, tag.start)
            close(tag.start, tag.end)
    while stack:
        close(len(data), len(data))
    return sorted(ranges) if seen_block else None


def protect_html(data: str, tags: list[_Tag] | None = None, offset: int = 0) -> ProtectedText:
    """Inline HTML → prose with a placeholder for each tag, URL and format placeholder.

    ``tags``: those of the whole fragment ``data`` was cut from at ``offset``.
    """
    if tags is None:
        tags = _scan(data)
    inside = [
        _Tag(tag.start - offset, tag.end - offset, tag.name, tag.kind)
        for tag in tags
        if tag.start >= offset and tag.end <= offset + len(data)
    ]
    pairs = _pairs(inside)
    builder = ProtectedTextBuilder()
    position = 0
    raw = 0  # how deep inside code (``<code>``, ``<script>``…)
    for index, tag in enumerate(inside):
        text = html.unescape(data[position : tag.start])
        if raw:
            builder.protect(_escape(text))
        else:
            add_prose(builder, text, written=_escape)
        opens, closes = pairs.get(index, (None, None))
        builder.protect(data[tag.start : tag.end], opens=opens, closes=closes)
        if tag.name in _RAW and tag.kind != "atom":
            raw = max(0, raw + (1 if tag.kind == "start" else -1))
        position = tag.end
    add_prose(builder, html.unescape(data[position:]), written=_escape)
    return builder.build()


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _pairs(tags: list[_Tag]) -> dict[int, tuple[int | None, int | None]]:
    """Each tag that opens or closes a pair: ``index → (pair it opens, pair it closes)``.

    A tag without its partner stays out, as do void and self-closing ones: atoms.
    """
    found: dict[int, tuple[int | None, int | None]] = {}
    open_tags: list[tuple[str, int]] = []
    for index, tag in enumerate(tags):
        if tag.kind == "start":
            open_tags.append((tag.name, index))
        elif tag.kind == "end" and open_tags and open_tags[-1][0] == tag.name:
            _, opener = open_tags.pop()
            found[opener] = (opener + 1, None)
            found[index] = (None, opener + 1)
    return found


@dataclass(frozen=True)
class RichTextDocument:
    """A rich text split into segments, ready to be rebuilt from their translations."""

    source: str
    #: Where each segment's text lies in ``source`` (its blank ends left out).
    ranges: tuple[tuple[int, int], ...]
    protected: tuple[ProtectedText, ...]

    @property
    def segments(self) -> list[str]:
        return [protected.text for protected in self.protected]

    def accepts(self, index: int, translated: str) -> bool:
        return self.protected[index].accepts(translated.strip())

    def rebuild(self, translated: list[str]) -> str:
        if len(translated) != len(self.protected):
            raise ValueError(f"Expected {len(self.protected)} translations, got {len(translated)}")
        output: list[str] = []
        position = 0
        for (start, end), text, protected in zip(
            self.ranges, translated, self.protected, strict=True
        ):
            encoded = text.strip()
            written = (
                protected.restore(encoded, escape=_escape)
                if protected.accepts(encoded)
                else self.source[start:end]
            )
            output += [self.source[position:start], written]
            position = end
        output.append(self.source[position:])
        return "".join(output)


def extract_rich_text(data: str) -> RichTextDocument:
    data = data or ""
    tags = _scan(data)
    blocks = _prose_ranges(data, tags)
    if blocks is None:
        blocks = [(0, len(data))]  # bare inline text with no block around it: one segment
    ranges: list[tuple[int, int]] = []
    protected: list[ProtectedText] = []
    for start, end in blocks:
        content = data[start:end]
        start += len(content) - len(content.lstrip())
        end -= len(content) - len(content.rstrip())
        if start >= end:
            continue
        segment = protect_html(data[start:end], tags, start)
        if not any(char.isalpha() for char in segment.prose):
            continue  # an empty paragraph, only a URL or a number: nothing to translate
        ranges.append((start, end))
        protected.append(segment)
    return RichTextDocument(data, tuple(ranges), tuple(protected))
