"""Plain texts to Apertium's stream format and back, in-process, as Transfuse does it.

The one-shot path wraps each text in ``<p data-s="N">`` and runs ``apertium -f html``,
which (with Transfuse installed) runs ``tf-extract`` and ``tf-inject`` around the mode.
Those two programs cost ~30–100 ms a run, several times the translation of a post by a
warm mode; for texts that are plain prose (all the markup layer sends), their work is
small and written here instead: each text becomes a block exactly as ``tf-extract``
writes it, and the answer is read back as ``tf-inject`` reads it. Anything unexpected in
an answer returns None, and the caller falls back to the programs.
"""

from __future__ import annotations

import re

#: Characters the stream format reserves; a backslash makes them literal.
_RESERVED = re.compile(r"([\\\[\]{}^$/@<>])")
#: What tf-extract writes for one block: a marker, the text, an inserted sentence end.
_BLOCK = "\n[tf-block:{index}]\n\n{text}.[]\n\0"
_ANSWER = re.compile(rb"\n?\[tf-block:(\d+)\]\n\n(.*)\.\[\]\n", re.DOTALL)
_UNESCAPE = re.compile(r"\\(.)", re.DOTALL)
#: Characters whose handling by Transfuse is not mirrored here (controls, odd spaces).
_UNUSUAL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u00a0\u00ad\u2028\u2029\ufeff]")


def can_stream(texts: list[str]) -> bool:
    """True when every text is plain enough to be formatted here exactly."""
    return not any(_UNUSUAL.search(text) for text in texts)


def to_stream(texts: list[str]) -> bytes:
    return "".join(
        _BLOCK.format(index=index, text=_RESERVED.sub(r"\\\1", text))
        for index, text in enumerate(texts)
    ).encode("utf-8")


def from_stream(answer: bytes, count: int) -> list[str] | None:
    """The translated texts, in order, or None if the answer is not ``count`` clean blocks."""
    pieces = answer.split(b"\0")
    if len(pieces) != count + 1 or pieces[-1]:
        return None
    texts = []
    for index, piece in enumerate(pieces[:-1]):
        match = _ANSWER.fullmatch(piece)
        if match is None or int(match.group(1)) != index:
            return None
        body = match.group(2).decode("utf-8")
        unescaped = _UNESCAPE.sub("\0", body)  # placeholder for escaped characters
        if "[" in unescaped or "]" in unescaped:
            return None  # a formatting blank Transfuse would have put back: not ours
        texts.append(_UNESCAPE.sub(r"\1", body))
    return texts
