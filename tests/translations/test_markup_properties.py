"""Generated posts: protected content and Markdown structure survive any engine behaviour."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from translations.markup import extract_segments

WORDS = ["casa", "perro", "barrio", "vecinos", "ciudad", "política", "agua", "niños", "río", "él"]
PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


@st.composite
def posts(draw) -> tuple[str, list[str]]:
    """A Markdown post, and the pieces of it no engine may change."""
    protected: list[str] = []

    def prose() -> str:
        return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4)))

    def slug() -> str:
        return draw(st.from_regex(r"[a-z]{1,5}(_[a-z0-9]{1,5})?", fullmatch=True))

    def inline() -> str:
        kind = draw(
            st.sampled_from(["prose", "code", "link", "image", "mention", "url", "em", "strong"])
        )
        if kind == "code":
            piece = "`" + draw(st.from_regex(r"[a-z_*\[\]()<>#]{1,10}", fullmatch=True)) + "`"
        elif kind == "link":
            target = f"](https://ex.org/{slug()})"
            protected.append(target)
            return f"[{prose()}{target}"
        elif kind == "image":
            piece = f"![{prose()}](img/{slug()}.png)"
        elif kind == "mention":
            piece = f"@{slug()}"
        elif kind == "url":
            piece = f"https://ex.org/{slug()}?q={slug()}"
        elif kind == "em":
            return f"*{prose()}*"
        elif kind == "strong":
            return f"**{prose()}**"
        else:
            return prose()
        protected.append(piece)
        return piece

    def line() -> str:
        parts = [prose(), *(inline() for _ in range(draw(st.integers(0, 4))))]
        return " ".join(parts) + draw(st.sampled_from(["", ".", "  ", "\\"]))

    def block() -> str:
        kind = draw(
            st.sampled_from(["paragraph", "heading", "bullets", "numbers", "quote", "fence"])
        )
        lines = [line() for _ in range(draw(st.integers(1, 3)))]
        lines[-1] = lines[-1].rstrip(" \\")  # a break at the very end is not a break
        single = [text.rstrip(" \\") for text in lines]  # one line per item or heading
        if kind == "heading":
            return "#" * draw(st.integers(1, 6)) + " " + single[0]
        if kind == "bullets":
            return "\n".join(f"- {text}" for text in single)
        if kind == "numbers":
            return "\n".join(f"{n}. {text}" for n, text in enumerate(single, 1))
        if kind == "quote":
            return "\n".join(f"> {text}" for text in lines)
        if kind == "fence":
            fence = "```py\n" + "\n".join(f"x = '{text}'" for text in lines) + "\n```"
            protected.append(fence)
            return fence
        return "\n".join(lines)

    blocks = [block() for _ in range(draw(st.integers(1, 5)))]
    return "\n\n".join(blocks) + "\n", protected


def structure(markdown: str) -> list[tuple]:
    """Block and inline token kinds, markers and code contents: everything but the words."""
    shape = []
    for token in PARSER.parse(markdown):
        code = token.content if token.type in ("fence", "code_block") else None
        shape.append((token.type, token.tag, token.markup, token.info, code))
        for child in token.children or []:
            if child.type not in ("text", "softbreak"):
                shape.append(
                    (child.type, child.markup, child.attrs.get("href"), child.attrs.get("src"))
                )
    return shape


def line_markers(markdown: str) -> list[str]:
    return [
        re.match(r"[ >]*(?:[-*+] |\d+[.)] |#+ |```)?", line).group()
        for line in markdown.split("\n")
    ]


def assert_protected_intact(source: str, result: str, protected: list[str]) -> None:
    for piece in protected:
        assert result.count(piece) == source.count(piece), piece


@settings(max_examples=150, deadline=None)
@given(post=posts())
def test_unchanged_segments_rebuild_the_exact_post(post):
    markdown, _ = post
    document = extract_segments(markdown)

    assert document.rebuild(document.segments) == markdown


@settings(max_examples=150, deadline=None)
@given(post=posts())
def test_uppercasing_engine_changes_words_only(post):
    markdown, protected = post
    document = extract_segments(markdown)

    result = document.rebuild([segment.upper() for segment in document.segments])

    assert_protected_intact(markdown, result, protected)
    assert structure(result) == structure(markdown)
    assert line_markers(result) == line_markers(markdown)
    for piece in sorted(protected, key=len, reverse=True):  # fences hold code spans
        result = result.replace(piece, "")
    assert not set(re.findall(r"\w+", result)) & set(WORDS)


@settings(max_examples=150, deadline=None)
@given(post=posts())
def test_engine_that_drops_a_placeholder_never_costs_protected_content(post):
    markdown, protected = post
    document = extract_segments(markdown)

    result = document.rebuild([segment.replace("{1}", "").upper() for segment in document.segments])

    assert_protected_intact(markdown, result, protected)
    assert structure(result) == structure(markdown)


@settings(max_examples=150, deadline=None)
@given(post=posts())
def test_engine_that_reflows_lines_and_pads_placeholders_keeps_the_structure(post):
    markdown, protected = post
    document = extract_segments(markdown)

    result = document.rebuild(
        [
            re.sub(r"\{(\d+)\}", r" { \1 } ", segment.replace("\n", " ")).upper()
            for segment in document.segments
        ]
    )

    assert_protected_intact(markdown, result, protected)
    assert structure(result) == structure(markdown)


markdownish = st.text(
    alphabet=st.sampled_from(list("ab é*_`[]()!<>#-+.1|\\~ \t\n\r{}@:/&;")), max_size=200
)


@settings(max_examples=300, deadline=None)
@given(text=markdownish)
def test_any_input_round_trips_and_survives_an_uppercasing_engine(text):
    document = extract_segments(text)

    assert document.rebuild(document.segments) == text
    document.rebuild([segment.upper() for segment in document.segments])
