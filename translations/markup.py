"""Markdown in, prose segments out, and back: only words ever reach an engine.

A post is parsed with markdown-it (CommonMark plus tables and strikethrough). Each
paragraph, heading and table cell becomes one segment, the unit of the translation
memory. Inside a segment, code, links' targets, autolinks, images (whole, alt text
included: it is usually a file name or a caption the author chose), inline HTML,
escapes, entities, bare URLs, e-mail addresses, @mentions, format placeholders
(``%(name)s``, ``{name}``), a task's ``[x]`` and emphasis markers are replaced by
placeholders (see :mod:`translations.segments`). Raw HTML is parsed as the renderer
parses it (as text): its tags are protected and its prose translated.

:meth:`Document.rebuild` writes each translation back over the exact source span its
segment came from, line by line, so list markers, ``>`` quote markers, fences, code
blocks and everything else outside the prose stay byte-identical. A translation that
lost or mangled a placeholder is replaced by the untranslated segment, never dropped.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.fragments_join import fragments_join

from translations.segments import (
    PLACEHOLDER,
    ProtectedText,
    ProtectedTextBuilder,
    add_prose,
)

Span = tuple[int, int, int]  # line number, start column, end column


class _Markup(NamedTuple):
    start: int
    end: int
    opens: int | None = None
    closes: int | None = None
    line_break: bool = False
    #: What to write instead once the words before it are translated (see :func:`_protect`).
    explicit: str = ""


# Line starts that would turn a paragraph line into other Markdown if an engine wrote them.
_HAZARD = re.compile(
    r"[ \t]*(?:[-+*](?=[ \t]|$)|\#{1,6}(?=[ \t]|$)|>|\d{1,9}[.)](?=[ \t]|$)"
    r"|(?:[-*_][ \t]*){3,}$|=+[ \t]*$|-+[ \t]*$|`{3,}|~{3,}|<)"
)
_ATOMS = {"code_inline", "image", "html_inline", "text_special"}
_TASK_BOX = re.compile(r"\[[ xX]\](?=[ \t])")
_POSITIONED = _ATOMS | {"link_open", "link_close", "hardbreak", "softbreak"}


@dataclass(frozen=True)
class _Slot:
    """One segment and the source spans (one per line) its text came from."""

    kind: str  # "lines" (paragraph, setext heading), "heading" (ATX) or "cell"
    protected: ProtectedText
    spans: tuple[Span, ...]

    def render(self, translated: str) -> list[str]:
        encoded = translated.strip()
        if not encoded or not self.protected.accepts(encoded):
            encoded = self.protected.text
        placeholders = self.protected.placeholders
        expected = len(self.spans) - sum(p.original.count("\n") for p in placeholders)
        if encoded.count("\n") + 1 != expected:
            breaks = {p.number for p in placeholders if p.line_break}
            encoded = _reflow(encoded, breaks, expected)
        if self.kind == "cell":
            encoded = re.sub(r"(?<!\\)\|", r"\\|", encoded)
        elif self.kind == "lines":
            source_lines = self.protected.text.split("\n")
            encoded = "\n".join(
                _defuse(line, source_lines[i] if i < len(source_lines) else "")
                for i, line in enumerate(encoded.split("\n"))
            )
        return self.protected.restore(encoded).split("\n")


@dataclass(frozen=True)
class Document:
    """A parsed post: its prose segments, and how to put translations of them back."""

    source: str
    _lines: tuple[str, ...]
    _slots: tuple[_Slot, ...]

    @property
    def segments(self) -> list[str]:
        """Texts to translate, placeholders included, in document order."""
        return [slot.protected.text for slot in self._slots]

    def accepts(self, index: int, translated: str) -> bool:
        """Whether a translation of segment ``index`` kept its placeholders intact.

        The translation memory should not store one that fails: rebuild would show the
        untranslated segment in its place.
        """
        return self._slots[index].protected.accepts(translated.strip())

    def prose(self) -> str:
        """The words of the post without code, links or markup (for detection)."""
        return "\n".join(slot.protected.prose for slot in self._slots)

    def rebuild(self, translations: Sequence[str]) -> str:
        """The source with each segment's span replaced by its translation."""
        if len(translations) != len(self._slots):
            raise ValueError(f"Expected {len(self._slots)} translations, got {len(translations)}")
        edits: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        dropped: set[int] = set()
        for slot, translated in zip(self._slots, translations, strict=True):
            new_lines = slot.render(translated)
            for index, (line_number, start, end) in enumerate(slot.spans):
                if index < len(new_lines):
                    edits[line_number].append((start, end, new_lines[index]))
                else:
                    dropped.add(line_number)
        output = []
        for number, line in enumerate(self._lines):
            if number in dropped:
                continue
            for start, end, text in sorted(edits.get(number, ()), reverse=True):
                line = line[:start] + text + line[end:]
            output.append(line)
        return "\n".join(output)


def extract_segments(markdown: str) -> Document:
    """Parse ``markdown`` and collect the prose of every paragraph, heading and cell."""
    env: dict[str, Any] = {}
    tokens = _MD.parse(markdown, env)
    lines = tuple(markdown.split("\n"))
    slots: list[_Slot] = []
    cell_cursors: dict[int, int] = {}
    for index, token in enumerate(tokens):
        if token.type != "inline" or not token.map or not token.content:
            continue
        parent = tokens[index - 1]
        if parent.type == "paragraph_open":
            kind, spans = "lines", _line_spans(lines, token.map, token.content, atx=False)
        elif parent.type == "heading_open":
            atx = parent.markup.startswith("#")
            kind = "heading" if atx else "lines"
            spans = _line_spans(lines, token.map, token.content, atx=atx)
        elif parent.type in ("th_open", "td_open"):
            kind, spans = "cell", _cell_span(lines, token.map[0], token.content, cell_cursors)
        else:
            continue
        if spans is None:
            continue  # Source and parse disagree (e.g. tab indentation): leave it as is.
        raw = "\n".join(lines[line][start:end] for line, start, end in spans)
        in_item = parent.type == "paragraph_open" and tokens[index - 2].type == "list_item_open"
        protected = _protect(raw, env, task=in_item)
        if any(char.isalpha() for char in protected.prose):
            slots.append(_Slot(kind, protected, tuple(spans)))
    return Document(markdown, lines, tuple(slots))


def _line_spans(
    lines: Sequence[str], line_map: list[int], content: str, *, atx: bool
) -> list[Span] | None:
    """Locate each content line as a suffix of its source line (after quote/list markers)."""
    content_lines = content.split("\n")
    first = line_map[0]
    if first + len(content_lines) > len(lines):
        return None
    spans: list[Span] = []
    for offset, wanted in enumerate(content_lines):
        body = lines[first + offset].rstrip("\r")
        if offset == len(content_lines) - 1:
            body = body.rstrip(" \t")
        candidates = [re.sub(r"[ \t]+#+$", "", body).rstrip(" \t"), body] if atx else [body]
        for candidate in candidates:
            if candidate.endswith(wanted):
                spans.append((first + offset, len(candidate) - len(wanted), len(candidate)))
                break
        else:
            return None
    return spans


def _cell_span(
    lines: Sequence[str], line: int, content: str, cursors: dict[int, int]
) -> list[Span] | None:
    """Find a cell's raw text in its row, left to right, between pipes."""
    body = lines[line].rstrip("\r")
    cursor = cursors.get(line, 0)
    for wanted in dict.fromkeys((content, content.replace("|", "\\|"))):
        position = body.find(wanted, cursor)
        end = position + len(wanted)
        before, after = body[:position].rstrip(), body[end:].lstrip()
        between_pipes = (not before or before.endswith("|")) and (
            not after or after.startswith("|")
        )
        if position >= 0 and between_pipes:
            cursors[line] = end
            return [(line, position, end)]
    cursors[line] = len(body)  # Lost our place: leave the rest of the row untouched.
    return None


def _protect(raw: str, env: dict[str, Any], *, task: bool = False) -> ProtectedText:
    """Turn a segment's raw Markdown into prose plus placeholders.

    ``task``: the paragraph opens a list item, where ``[ ]`` or ``[x]`` is a task's box
    (an engine would write ``[X]``). A shortcut or collapsed reference link (``[the
    budget][]``) finds its target through its label: once the label is translated it is
    written as a full reference, ``[el presupuesto][the budget]``.
    """
    builder = ProtectedTextBuilder()
    position = 0
    if task and (box := _TASK_BOX.match(raw)):
        builder.protect(box.group())
        position = box.end()
    for piece in _inline_markup(raw, env):
        if piece.start < position:
            continue
        add_prose(builder, raw[position : piece.start])
        builder.protect(
            raw[piece.start : piece.end],
            opens=piece.opens,
            closes=piece.closes,
            line_break=piece.line_break,
            explicit=piece.explicit,
        )
        position = piece.end
    add_prose(builder, raw[position:])
    return builder.build()


def _inline_markup(raw: str, env: dict[str, Any]) -> list[_Markup]:
    """Source ranges of inline markup in ``raw``, with the pairs they open or close."""
    state = StateInline(raw, _MD, env, [])
    _MD.inline.tokenize(state)
    for rule in _POST_RULES:
        rule(state)
    pieces: list[_Markup] = []
    pair_ids = itertools.count(1)
    open_pairs: list[int] = []
    # Each open link's start and where its label ends: "](target)" is markup to the close.
    links: list[tuple[int, int]] = []
    for token in state.tokens:
        span = token.meta.get("span")
        if span is None:
            continue
        start, end = span
        kind = token.type
        if kind == "link_open" and token.markup == "autolink":
            pieces.append(_Markup(start, end))
        elif kind == "link_open":
            pair = next(pair_ids)
            open_pairs.append(pair)
            links.append((start, token.meta["label_end"]))
            pieces.append(_Markup(start, start + 1, opens=pair))
        elif kind == "link_close" and token.markup != "autolink":
            link_start, label_end = links.pop()
            # A shortcut ("]") or collapsed ("][]") reference: the label is the key.
            key = raw[link_start + 1 : label_end] if raw[label_end:end] in ("]", "][]") else None
            explicit = f"][{key}]" if key is not None else ""
            pieces.append(_Markup(label_end, end, closes=open_pairs.pop(), explicit=explicit))
        elif kind.endswith("_open") and kind != "link_open":
            pair = next(pair_ids)
            open_pairs.append(pair)
            pieces.append(_Markup(start, end, opens=pair))
        elif kind.endswith("_close") and kind != "link_close":
            pieces.append(_Markup(start, end, closes=open_pairs.pop()))
        elif kind in _ATOMS or (token.meta.get("delimiter") and not token.content):
            # The emptied half of a ``**`` run counts as markup too.
            pieces.append(_Markup(start, end))
        elif kind == "hardbreak" and raw[start] == "\\":
            pieces.append(_Markup(start, start + 1, line_break=True))
        elif kind == "hardbreak":  # The two or more spaces before the newline.
            pieces.append(_Markup(len(raw[:start].rstrip(" ")), start, line_break=True))
    pieces.sort(key=lambda piece: piece.start)
    kept: list[_Markup] = []
    for piece in pieces:
        if not kept or piece.start >= kept[-1].end:
            kept.append(piece)
    return kept


def _reflow(encoded: str, breaks: set[int], max_lines: int) -> str:
    """Re-break a translation whose line count changed: only after hard breaks."""
    flat = re.sub(r"[ \t]*\n\s*", " ", encoded)
    if breaks:
        flat = PLACEHOLDER.sub(
            lambda m: m.group() + "\n" if int(m.group(1)) in breaks else m.group(), flat
        )
        flat = re.sub(r"\n[ \t]+", "\n", flat).rstrip("\n")
    lines = flat.split("\n")
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    return "\n".join(lines)


def _defuse(line: str, source_line: str) -> str:
    """Backslash-escape a line start that would become a list, quote, heading or fence."""
    match = _HAZARD.match(line)
    if not match:
        return line
    source_match = _HAZARD.match(source_line)
    if source_match and source_match.group() == match.group():
        return line
    marker = match.group().lstrip(" \t")
    at = match.end() - len(marker)
    digits = len(marker) - len(marker.lstrip("0123456789"))
    if digits:
        at += digits  # "1990. Then" becomes "1990\. Then": escape the dot, not a digit.
    return f"{line[:at]}\\{line[at:]}"


def _tracking(name: str, rule: Callable[[StateInline, bool], bool]) -> Callable[..., bool]:
    """Wrap an inline rule so the tokens it creates remember their source range."""

    def tracked(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        matched = rule(state, silent)
        if matched and not silent:
            new = state.tokens[count:]
            if name in ("emphasis", "strikethrough"):
                # One text token per delimiter run piece, laid end to end.
                end = state.pos
                for token in reversed(new):
                    if end <= start or token.type != "text":
                        break
                    token.meta.update(span=(end - len(token.content), end), delimiter=True)
                    end -= len(token.content)
            for token in new:
                if token.type in _POSITIONED and "span" not in token.meta:
                    token.meta["span"] = (start, state.pos)
                    if name == "link" and token.type == "link_open":
                        token.meta["label_end"] = state.md.helpers.parseLinkLabel(
                            state, start, True
                        )
        return matched

    return tracked


def _build_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    # Blocks as the renderer sees them: it shows raw HTML as text, so an HTML block is a
    # paragraph whose tags are protected inline (and whose prose is translated).
    md.block.ruler.disable("html_block")
    # Inline content is parsed by ``_inline_markup`` instead, where positions are kept.
    md.core.ruler.disable("inline")
    for rule in list(md.inline.ruler.__rules__):
        md.inline.ruler.at(rule.name, _tracking(rule.name, rule.fn))
    return md


_MD = _build_parser()
# Joining text fragments would merge emphasis markers into words and lose their ranges.
_POST_RULES = [rule for rule in _MD.inline.ruler2.getRules("") if rule is not fragments_join]
