"""What bench/translation_fidelity.py measures: chrF, markup intact, prose translated.

Both paths get the same items, a fresh engine each, and the project's path an empty
translation memory, so neither is served from the other's work:

- *project*: ``translations.translate.translate_texts`` (segments, glossary, memory,
  engine, rebuild), the one path every text a reader sees goes through;
- *raw*: ``engine.translate_batch`` on the texts as they are.

Markup is compared as a multiset of what a reader would notice lost or changed: link and
image targets (reference links resolved), code spans and blocks, HTML tags with their
attributes, emphasis, task-list markers, placeholders (``%(name)s``, ``{0}``, ``%s``),
bare URLs, and stray ``*``/``_`` left in the text. Prose is "left as the source" when a
piece of it (the words between two pieces of markup or sentence ends) is still in the
output, is not in the reference, and the engine translates it differently on its own (and
that translation is not in the output either): so words that read the same in both
languages, names and words the engine does not know are not counted against either path.
"""

from __future__ import annotations

import html
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from fidelity_corpus import Item
from markdown_it import MarkdownIt
from markdown_it.token import Token
from sacrebleu.metrics import CHRF

from translations.engines import Engine
from translations.glossary import Glossary
from translations.models import SegmentMemory
from translations.translate import translate_texts

EngineFactory = Callable[[], Engine]
#: Texts per call, as the pipeline batches up to 50 posts a call.
CHUNK = 50

PLACEHOLDER = re.compile(
    r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|%[sdif]|\{\w*(?:\.\w+)*(?:![rsa])?\}"
)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'`)]+[^\s<>\"'`).,;:!?]|[\w.+-]+@[\w-]+\.[\w.]+")
_STRAY = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)")
_TASK = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]\]", re.MULTILINE)
_PIECE_BREAK = re.compile(r"[\n.!?;:()\[\]\"“”«»¿¡|]+|\s[-–—]\s")
_WORD = re.compile(r"[^\W\d_]{2,}")
_MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


class _Tags(HTMLParser):
    """HTML tags (name and attributes, in any quoting) and the text between them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(f"<{tag} {sorted(attrs)}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)  # <br/> is <br>, with no </br> after it

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(text: str) -> _Tags:
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser


def _in_text(signature: Counter[tuple[str, str]], text: str) -> None:
    for match in PLACEHOLDER.finditer(text):
        signature["placeholder", match.group()] += 1
    for match in _URL.finditer(text):
        signature["url", match.group()] += 1
    for match in _STRAY.finditer(PLACEHOLDER.sub(" ", _URL.sub(" ", text))):
        signature["stray", match.group()] += 1


def markup(text: str, kind: str) -> Counter[tuple[str, str]]:
    """Everything in ``text`` that a translation must give back unchanged."""
    signature: Counter[tuple[str, str]] = Counter()
    if kind == "html":
        parsed = parse_html(text)
        signature.update(("tag", tag) for tag in parsed.tags)
        _in_text(signature, "\n".join(parsed.text))
        return signature
    signature.update(("task", marker) for marker in _TASK.findall(text))
    for token in _walk(_MD.parse(text)):
        if token.type in ("html_inline", "html_block"):
            signature.update(("tag", tag) for tag in parse_html(token.content).tags)
        elif token.type in ("code_inline", "fence", "code_block"):
            signature["code", token.content] += 1
        elif token.type == "link_open":
            signature["link", str(token.attrs.get("href"))] += 1
        elif token.type == "image":
            signature["image", str(token.attrs.get("src"))] += 1
        elif token.type in ("em_open", "strong_open", "s_open"):
            signature["emphasis", token.type] += 1
        elif token.type == "text":
            _in_text(signature, token.content)
    return signature


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def prose(text: str, kind: str) -> list[str]:
    """The words of ``text`` in runs that markup or sentence ends separate."""
    if kind == "html":
        parts = parse_html(text).text
    else:
        parts = []
        text = _TASK.sub(lambda match: match.group()[:-3], text)  # "[x]" is not prose
        for token in _walk(_MD.parse(text)):
            if token.type == "text":
                parts.append(token.content)
            elif token.type == "html_block":  # its text is prose a reader sees
                parts.extend(["\n", *parse_html(token.content).text])
            elif token.type in ("inline", "code_inline", "image", "html_inline", "softbreak"):
                parts.append("\n")
    joined = "".join(parts)
    joined = _URL.sub("\n", PLACEHOLDER.sub("\n", joined))
    joined = re.sub(r"(?<![\w@])@\w[\w.-]*", "\n", joined)
    pieces = (" ".join(piece.split()) for piece in _PIECE_BREAK.split(joined))
    return [piece for piece in pieces if _WORD.search(piece)]


def _normal(text: str) -> str:
    return " " + " ".join(re.findall(r"\w+", html.unescape(text).casefold())) + " "


def left_as_source(
    item_source: str, kind: str, output: str, reference: str, alone: dict[str, str]
) -> list[str]:
    """Pieces of the source prose found untranslated in ``output`` (see the module doc)."""
    found, where, ref = [], _normal(output), _normal(reference)
    for piece in prose(item_source, kind):
        key, translated = _normal(piece), _normal(alone.get(piece, piece))
        # "Continue" → "Il continue": the source's words inside their own translation.
        if key in where and key not in ref and translated != key and translated not in where:
            found.append(piece)
    return found


@dataclass
class PathRun:
    outputs: list[str]
    seconds: float


@dataclass
class Direction:
    source: str
    target: str
    items: list[Item]
    project: PathRun
    raw: PathRun
    #: Each prose piece of the sources translated alone by the engine.
    alone: dict[str, str] = field(default_factory=dict)

    def references(self) -> list[str]:
        return [item.texts[self.target] for item in self.items]

    def chrf(self, path: PathRun, subset: list[int] | None = None) -> float:
        chosen = range(len(self.items)) if subset is None else subset
        hypotheses = [html.unescape(path.outputs[i]) for i in chosen]
        references = [html.unescape(self.items[i].texts[self.target]) for i in chosen]
        return CHRF().corpus_score(hypotheses, [references]).score

    def intact(self, path: PathRun, index: int) -> bool:
        item = self.items[index]
        return markup(path.outputs[index], item.kind) == markup(item.texts[self.source], item.kind)

    def untranslated(self, path: PathRun, index: int) -> list[str]:
        item = self.items[index]
        return left_as_source(
            item.texts[self.source],
            item.kind,
            path.outputs[index],
            item.texts[self.target],
            self.alone,
        )


def _chunks(indices: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(indices), CHUNK):
        yield indices[start : start + CHUNK]


def project_path(
    items: list[Item],
    source: str,
    target: str,
    engine: Engine,
    glossary: Glossary | None = None,
) -> list[str]:
    """The items through ``translate_texts``, by kind, ``CHUNK`` texts a call."""
    outputs = [""] * len(items)
    for kind in ("markdown", "html"):
        indices = [i for i, item in enumerate(items) if item.kind == kind]
        for chunk in _chunks(indices):
            translated, _sent = translate_texts(
                [items[i].texts[source] for i in chunk],
                kind=kind,
                source=source,
                target=target,
                engine=engine,
                glossary=glossary,
            )
            for index, text in zip(chunk, translated, strict=True):
                outputs[index] = text
    return outputs


def raw_path(items: list[Item], source: str, target: str, engine: Engine) -> list[str]:
    outputs: list[str] = []
    for chunk in _chunks(list(range(len(items)))):
        texts = [items[i].texts[source] for i in chunk]
        outputs.extend(engine.translate_batch(texts, source, target))
    return outputs


def _timed(run: Callable[[Engine], list[str]], new_engine: EngineFactory) -> PathRun:
    engine = new_engine()
    started = time.perf_counter()
    try:
        outputs = run(engine)
    finally:
        close = getattr(engine, "close", None)
        if close is not None:
            close()
    return PathRun(outputs, time.perf_counter() - started)


def measure_direction(
    items: list[Item], source: str, target: str, new_engine: EngineFactory
) -> Direction:
    """Both paths on the same items, each on a fresh engine, the memory emptied first."""
    SegmentMemory.objects.all().delete()
    raw = _timed(lambda engine: raw_path(items, source, target, engine), new_engine)
    SegmentMemory.objects.all().delete()
    project = _timed(lambda engine: project_path(items, source, target, engine), new_engine)
    SegmentMemory.objects.all().delete()
    pieces = sorted({piece for item in items for piece in prose(item.texts[source], item.kind)})
    alone = _timed(lambda engine: engine.translate_batch(pieces, source, target), new_engine)
    return Direction(
        source, target, items, project, raw, dict(zip(pieces, alone.outputs, strict=True))
    )
