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
from collections.abc import Callable
from dataclasses import dataclass, field

#: Tolerant on purpose: engines sometimes write ``{ 3 }``.
PLACEHOLDER = re.compile(r"\{\s*(\d+)\s*\}")
#: printf and str.format placeholders written in a text (``%(name)s``, ``%d``, ``{name}``):
#: code, never words to translate.
FORMAT_PLACEHOLDER = re.compile(
    r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
    r"|(?<![\w%])%[sdif](?!\w)"
    r"|\{[^\W\d]\w*(?:\.\w+)*(?:![rsa])?(?::[^{}\s]*)?\}|\{\}"
)
#: What prose still holds that is not words: bare URLs, e-mail addresses, @mentions,
#: numbered placeholders written by the author and format placeholders.
BARE = re.compile(
    r"(?P<url>(?:https?://|ftp://|www\.)[^\s<>\"'`]+)"
    r"|(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|(?P<mention>(?<![\w@./])@\w(?:[\w.-]*\w)?)"
    r"|(?P<placeholder>\{\s*\d+\s*\})"
    rf"|(?P<format>{FORMAT_PLACEHOLDER.pattern})",
    re.IGNORECASE,
)


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
    #: What to write instead once the text around it is translated ("" if the same): a
    #: reference link whose label was its key names the key (``][the budget]``).
    explicit: str = ""

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
        """True if every placeholder is there exactly once, pairs still nest, and no link
        has come inside another (Markdown has no link in a link: an engine that moved
        "[dog](…)" into "[the dog](…)" would break both)."""
        numbers = [int(match.group(1)) for match in PLACEHOLDER.finditer(translated)]
        if sorted(numbers) != [p.number for p in self.placeholders]:
            return False
        by_number = {p.number: p for p in self.placeholders}
        links = {pair for p in self.placeholders if "[" in p.original for pair in p.opens}
        open_pairs: list[int] = []
        for number in numbers:
            placeholder = by_number[number]
            for pair in placeholder.closes:
                if not open_pairs or open_pairs.pop() != pair:
                    return False
            if links.intersection(placeholder.opens) and links.intersection(open_pairs):
                return False
            open_pairs.extend(placeholder.opens)
        return not open_pairs

    def restore(self, translated: str, *, escape: Callable[[str], str] | None = None) -> str:
        """Swap placeholders back for their originals; call only if :meth:`accepts`.

        A pair left with nothing between it (the engine dropped the emphasised word and
        its translation could not be found: see :mod:`translations.engines.apertium_stream`)
        goes, with the space it leaves: readers never see an empty ``**``. ``escape`` is
        applied to the text between placeholders (rich text escapes it as HTML).
        """
        by_number = {p.number: p for p in self.placeholders}
        translated = _EMPTY_PAIR.sub(lambda m: _drop_empty_pair(m, by_number), translated)
        changed = translated.strip() != self.text.strip()
        # Engines pad placeholders with spaces; ``* word *`` would no longer be emphasis.
        for placeholder in self.placeholders:
            pattern = rf"\{{\s*{placeholder.number}\s*\}}"
            if placeholder.tight_after:
                translated = re.sub(rf"({pattern})[ \t]+", r"\1", translated)
            if placeholder.tight_before:
                translated = re.sub(rf"[ \t]+({pattern})", r"\1", translated)

        def original(match: re.Match[str]) -> str:
            return original_of(by_number[int(match.group(1))], changed)

        if escape is None:
            return PLACEHOLDER.sub(original, translated)
        pieces = PLACEHOLDER.split(translated)  # text, number, text, number, …, text
        return "".join(
            original_of(by_number[int(piece)], changed) if index % 2 else escape(piece)
            for index, piece in enumerate(pieces)
        )


def original_of(placeholder: Placeholder, changed: bool) -> str:
    return placeholder.explicit if changed and placeholder.explicit else placeholder.original


_EMPTY_PAIR = re.compile(
    r"(?P<before>[ \t]*)\{\s*(?P<a>\d+)\s*\}\s*\{\s*(?P<b>\d+)\s*\}(?P<after>[ \t]*)"
)


def _drop_empty_pair(match: re.Match[str], by_number: dict[int, Placeholder]) -> str:
    opener = by_number.get(int(match.group("a")))
    closer = by_number.get(int(match.group("b")))
    if (
        opener is None
        or closer is None
        or opener.closes
        or closer.opens
        or not opener.opens
        or opener.opens != tuple(reversed(closer.closes))
    ):
        return match.group()
    before, after = match.group("before"), match.group("after")
    if match.start() == 0 or match.end() == len(match.string):
        return ""
    return " " if before and after else before or after


def add_prose(
    builder: ProtectedTextBuilder, text: str, *, written: Callable[[str], str] | None = None
) -> None:
    """Add prose, still protecting bare URLs, e-mail addresses, @mentions and placeholders.

    ``written``: how a protected piece is written in the output, if not as found (rich
    text's prose is unescaped, its placeholders stand for HTML).
    """
    position = 0
    for match in BARE.finditer(text):
        found = match.group()
        if match.lastgroup == "url":
            found = _trim_url(found)
        builder.prose(text[position : match.start()])
        builder.protect(written(found) if written else found)
        position = match.start() + len(found)
    builder.prose(text[position:])


def _trim_url(url: str) -> str:
    # Sentence punctuation after a URL belongs to the sentence, as do unbalanced ")".
    while url and (url[-1] in ".,;:!?*_~" or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url


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
        explicit: str = "",
    ) -> None:
        if not original:
            return
        group = self._parts[-1] if self._parts else None
        if not isinstance(group, _Group):
            group = _Group()
            self._parts.append(group)
        group.add(original, opens=opens, closes=closes, line_break=line_break)
        group.explicit.append(explicit or original)

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
                explicit="".join(part.explicit) if part.explicit != part.originals else "",
            )
            placeholders.append(placeholder)
            text.append(placeholder.token)
        return ProtectedText("".join(text), tuple(placeholders))


class _Group:
    """Adjacent protected pieces; pairs opened and closed inside it cancel out."""

    def __init__(self) -> None:
        self.originals: list[str] = []
        self.explicit: list[str] = []
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
