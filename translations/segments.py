"""Prose with the untranslatable parts swapped for numbered placeholders like ``{3}``.

``{n}`` was chosen because it survives Apertium (``-f html`` and ``-f txt``), case
changes and the online providers, and is short enough not to disturb the sentence
around it. Numbers restart at 1 in every segment, so one segment's text is the same in
every post and works as a translation-memory key.

Markup that comes in pairs (emphasis markers, a link's ``[`` and ``](url)``) records
which pair it opens or closes, so a translation that loses, duplicates or crosses a
placeholder is detected and the caller can fall back to the untranslated segment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Tolerant on purpose: engines sometimes write ``{ 3 }``.
PLACEHOLDER = re.compile(r"\{\s*(\d+)\s*\}")


@dataclass(frozen=True)
class Placeholder:
    number: int
    #: The exact source text it stands for.
    original: str
    #: Pairs this placeholder closes, then pairs it opens (by pair id).
    closes: tuple[int, ...] = ()
    opens: tuple[int, ...] = ()
    #: It ends a hard line break (``"  "`` or ``"\\"`` before a newline).
    line_break: bool = False
    #: No space may separate it from the text it opens or closes (``*word*``).
    tight_before: bool = False
    tight_after: bool = False

    @property
    def token(self) -> str:
        return f"{{{self.number}}}"


@dataclass(frozen=True)
class ProtectedText:
    """The text to send to an engine and what each of its placeholders stands for."""

    text: str
    placeholders: tuple[Placeholder, ...]

    @property
    def prose(self) -> str:
        """The words alone, for language detection and for deciding whether to translate."""
        return PLACEHOLDER.sub(" ", self.text)

    def accepts(self, translated: str) -> bool:
        """True if every placeholder is there exactly once and pairs still nest."""
        numbers = [int(match.group(1)) for match in PLACEHOLDER.finditer(translated)]
        if sorted(numbers) != [p.number for p in self.placeholders]:
            return False
        by_number = {p.number: p for p in self.placeholders}
        open_pairs: list[int] = []
        for number in numbers:
            placeholder = by_number[number]
            for pair in placeholder.closes:
                if not open_pairs or open_pairs.pop() != pair:
                    return False
            open_pairs.extend(placeholder.opens)
        return not open_pairs

    def restore(self, translated: str) -> str:
        """Swap placeholders back for their originals; call only if :meth:`accepts`."""
        by_number = {p.number: p for p in self.placeholders}
        # Engines pad placeholders with spaces; ``* word *`` would no longer be emphasis.
        for placeholder in self.placeholders:
            pattern = rf"\{{\s*{placeholder.number}\s*\}}"
            if placeholder.tight_after:
                translated = re.sub(rf"({pattern})[ \t]+", r"\1", translated)
            if placeholder.tight_before:
                translated = re.sub(rf"[ \t]+({pattern})", r"\1", translated)
        return PLACEHOLDER.sub(lambda m: by_number[int(m.group(1))].original, translated)


@dataclass
class ProtectedTextBuilder:
    """Collects prose and protected pieces in order; neighbouring protected pieces merge.

    Merging keeps placeholders few (``[`code`](url)`` becomes one) and turns a pair whose
    both ends meet inside one placeholder into plain untranslatable text.
    """

    _parts: list[str | _Group] = field(default_factory=list)

    def prose(self, text: str) -> None:
        if text:
            self._parts.append(text)

    def protect(
        self,
        original: str,
        *,
        opens: int | None = None,
        closes: int | None = None,
        line_break: bool = False,
    ) -> None:
        if not original:
            return
        group = self._parts[-1] if self._parts else None
        if not isinstance(group, _Group):
            group = _Group()
            self._parts.append(group)
        group.add(original, opens=opens, closes=closes, line_break=line_break)

    def build(self) -> ProtectedText:
        text: list[str] = []
        placeholders: list[Placeholder] = []
        for index, part in enumerate(self._parts):
            if isinstance(part, str):
                text.append(part)
                continue
            before = self._parts[index - 1] if index else ""
            after = self._parts[index + 1] if index + 1 < len(self._parts) else ""
            placeholder = Placeholder(
                number=len(placeholders) + 1,
                original="".join(part.originals),
                closes=tuple(part.closes),
                opens=tuple(part.opens),
                line_break=part.line_break,
                tight_before=bool(part.closes) and _hugs(before, end=True),
                tight_after=bool(part.opens) and _hugs(after, end=False),
            )
            placeholders.append(placeholder)
            text.append(placeholder.token)
        return ProtectedText("".join(text), tuple(placeholders))


class _Group:
    """Adjacent protected pieces; pairs opened and closed inside it cancel out."""

    def __init__(self) -> None:
        self.originals: list[str] = []
        self.closes: list[int] = []
        self.opens: list[int] = []
        self.line_break = False

    def add(
        self, original: str, *, opens: int | None, closes: int | None, line_break: bool
    ) -> None:
        self.originals.append(original)
        self.line_break = line_break
        if closes is not None:
            if self.opens and self.opens[-1] == closes:
                self.opens.pop()
            else:
                self.closes.append(closes)
        if opens is not None:
            self.opens.append(opens)


def _hugs(neighbour: object, *, end: bool) -> bool:
    """True if the neighbouring prose touches the placeholder without whitespace."""
    if not isinstance(neighbour, str) or not neighbour:
        return False
    char = neighbour[-1] if end else neighbour[0]
    return not char.isspace()
