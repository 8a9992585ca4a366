"""Texts to Apertium's stream format and back, placeholders carried as Apertium carries markup.

The markup layer sends prose whose markup is placeholders (``{3}``; a glossary term is
``{G1}``). Written as text, a placeholder enters Apertium's analyser as punctuation and a
number, and transfer rules pull it apart: es→fr "Abre {1} y" came back "Il {ouvre 1} et",
and the paragraph was shown untranslated. So no placeholder ever reaches the analyser:

- a pair of placeholders around words (emphasis, a link's label: ``{1}muy importante{2}``)
  becomes a *word-bound blank* on each of those words (``[[p:1:2]]muy[[/]]``), the way
  Apertium (and Transfuse) carries inline tags: the blank follows its word through
  reordering ("the *white* house" → "la casa *blanca*"), merges when words merge and goes
  away with a word the engine drops; the two placeholders go back around the words that
  still carry it;
- any other placeholder (code, a link's target, an image, a URL, a glossary term, and the
  ``%(name)s`` or ``{name}`` a rich text still holds) becomes an unknown word carrying a
  word-bound blank (``[[a:3]]Zzx[[/]]``): the sentence around it keeps its shape ("La {1}
  es" keeps its noun) and it moves with its neighbours.

Pairs are recognised as Markdown recognises emphasis: an opener touches the text after it,
a closer the text before it. Characters the stream reserves are escaped; ``~`` (which the
post-generator eats), control characters and literal braces (which transfer reads as
chunks) travel as superblanks. Each text is one block, framed as Transfuse frames it (a
marker, the text, an inserted sentence end) and ended by a NUL: one sentence context.

A pair's blank goes away with its words, also when a transfer rule writes other words
for them (es→en "Esto *no* es" → "This is not": "not" comes from the rule). So each pair
around words has two helper blocks after the texts in the same request: its words alone
and its sentence without them. If no word of the translation carries the pair, it goes
around the run of words the translation has more than that sentence's ("not"), else
around the first whole-word occurrence of the words' own translation (fr→es "pas" →
"no"), else it comes back empty, for the markup layer to leave out.

On the way back, Apertium notation that leaked into a text (analysis tags like
``<prn>``, unknown-word marks) is removed: readers only ever see words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from translations.engines.chunking import split_sentences
from translations.segments import FORMAT_PLACEHOLDER

#: Placeholders as the markup layer and the glossary write them.
PLACEHOLDER = re.compile(r"\{(G?\d+)\}")
#: What a text is cut at: those placeholders, and printf or str.format ones the text
#: itself holds (``%(name)s``, ``{name}``; rich text does not protect them), kept as atoms.
_CUT = re.compile(rf"{PLACEHOLDER.pattern}|({FORMAT_PLACEHOLDER.pattern})")
#: The unknown word an atom placeholder travels as (no dictionary knows it).
DUMMY = "Zzx"
_DUMMY = re.compile(rf"(?<![^\W\d_]){DUMMY}(?![^\W\d_])", re.IGNORECASE)
#: What the stream reserves; a backslash makes it literal.
_RESERVED = re.compile(r"([\\\[\]^$/@<>])")
#: What the modes would eat (``~``, control characters) or read as chunks (braces).
_VERBATIM = re.compile(r"([~{}\x01-\x08\x0b-\x1f\x7f])")
_BLOCK = "\n[tf-block:{index}]\n\n{text}.[]\n\0"
_ANSWER = re.compile(r"\s*\[tf-block:(\d+)\]\n\n(.*)\[\]\s*", re.DOTALL)
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
#: What a pair's blank goes on: each run of text between spaces, its punctuation with it.
_RUN = re.compile(r"\S+")
#: Apertium's own notation, should a mode ever let it through: ``^lemma<tags>$``, tags, ``@``.
_LEAKED_UNIT = re.compile(r"(?<!\\)\^((?:\\.|[^\\^$/<])*)(?:\\.|[^\\$])*?(?<!\\)\$")
_LEAKED_TAGS = re.compile(r"(?:(?<!\\)<[a-z0-9_:+-]+>)+", re.IGNORECASE)
_MARKS = re.compile(r"(?<![\w\\])@(?=\w)")


def to_stream(texts: list[str]) -> bytes:
    """One block per text, then one per helper text, each ended by a NUL.

    See the module docstring, and :func:`_helpers` for the helper texts.
    """
    blocks = [*texts, *_helper_texts(_helpers(texts))]
    return "".join(
        _BLOCK.format(index=index, text=encode(text)) for index, text in enumerate(blocks)
    ).encode("utf-8")


def from_stream(answer: bytes, texts: list[str]) -> list[str] | None:
    """The translations of ``texts``, in order, or None if the answer is not one block each."""
    helpers = _helpers(texts)
    extra = _helper_texts(helpers)
    pieces = answer.split(b"\0")
    if len(pieces) != len(texts) + len(extra) + 1 or pieces[-1].strip():
        return None
    bodies: list[str | None] = []
    for index, piece in enumerate(pieces[:-1]):
        match = _ANSWER.fullmatch(piece.decode("utf-8", "replace"))
        bodies.append(match.group(2) if match and int(match.group(1)) == index else None)
    own = [body for body in bodies[: len(texts)] if body is not None]
    if len(own) != len(texts):
        return None
    # A helper that did not come back only leaves its pair as it was.
    helped = {
        text: decode(body, text)
        for text, body in zip(extra, bodies[len(texts) :], strict=True)
        if body is not None
    }
    translated = []
    for index, (body, text) in enumerate(zip(own, texts, strict=True)):
        decoded, dropped = _decode(body, text)
        for pair in dropped:
            helper = helpers.get((index, pair))
            restored = helper and helper.put_back(decoded, helped)
            if restored:
                decoded = restored
            else:
                decoded += "{" + pair[0] + "}{" + pair[1] + "}"
        translated.append(decoded)
    return translated


# Encoding -------------------------------------------------------------------------------


def encode(text: str) -> str:
    """One text in stream format: prose escaped, placeholders as word-bound blanks."""
    prose, names, _ = _cut(text.replace("\0", ""))  # a NUL ends a request
    pairs = _carried_pairs(prose, names)
    paired = {index for pair in pairs for index in pair}
    out: list[str] = []
    atoms: list[str] = []  # placeholders that touch, written as one unknown word
    around: list[str] = []  # the pairs that word lies in
    for index, stretch in enumerate(prose):
        if stretch and atoms:
            out.append(_word([*atoms, *around]))
            atoms, around = [], []
        out.append(
            _encode_prose(stretch, [_pair_id(names, p) for p in pairs if p[0] < index <= p[1]])
        )
        if index < len(names) and index not in paired:
            atoms.append(f"a:{names[index]}")
            around += [_pair_id(names, p) for p in pairs if p[0] < index < p[1]]
            around = list(dict.fromkeys(around))
    if atoms:
        out.append(_word([*atoms, *around]))
    return "".join(out)


def _cut(text: str) -> tuple[list[str], list[str], dict[str, str]]:
    """The prose between placeholders, their names (``prose[i]`` comes before
    ``names[i]``), and what each format placeholder, named ``f0``, ``f1``…, stands for."""
    prose: list[str] = []
    names: list[str] = []
    written: dict[str, str] = {}
    position = 0
    for match in _CUT.finditer(text):
        prose.append(text[position : match.start()])
        if match.group(1) is not None:
            names.append(match.group(1))
        else:
            names.append(f"f{len(written)}")
            written[names[-1]] = match.group()
        position = match.end()
    prose.append(text[position:])
    return prose, names, written


def _pair_id(names: list[str], pair: tuple[int, int]) -> str:
    return f"p:{names[pair[0]]}:{names[pair[1]]}"


def _word(ids: list[str]) -> str:
    return f"[[{'; '.join(ids)}]]{DUMMY}[[/]]"


def _carried_pairs(prose: list[str], names: list[str]) -> list[tuple[int, int]]:
    """The pairs that ride on the words (or atoms) between them.

    A pair around nothing to ride on (``*!*``) is left out: its two ends travel as atoms.
    """
    return [
        (start, end)
        for start, end in _pairs(prose, names)
        if end > start + 1 or _WORD.search(prose[start + 1])
    ]


def _pairs(prose: list[str], names: list[str]) -> list[tuple[int, int]]:
    """Placeholders that open and close around text, matched as emphasis delimiters are.

    An opener has text right after it and a space, punctuation or nothing before it; a
    closer the mirror image. One that could be both, or a glossary term, is an atom.
    """
    found: list[tuple[int, int]] = []
    stack: list[int] = []
    for index, name in enumerate(names):
        if not name.isdigit():
            continue  # a glossary term or a format placeholder: always an atom
        before = _kind(prose[index][-1:], placeholder=index > 0)
        after = _kind(prose[index + 1][:1], placeholder=index + 1 < len(names))
        opens = after in ("word", "punct") and before in ("edge", "space", "punct")
        closes = before in ("word", "punct") and after in ("edge", "space", "punct")
        if opens and closes:
            continue
        if opens:
            stack.append(index)
        elif closes and stack:
            found.append((stack.pop(), index))
    return found


def _kind(char: str, *, placeholder: bool) -> str:
    if not char:
        return "word" if placeholder else "edge"  # a neighbouring placeholder reads as a word
    if char.isspace():
        return "space"
    return "word" if char.isalnum() else "punct"


def _encode_prose(text: str, ids: list[str]) -> str:
    """Escape prose; with ``ids``, put a word-bound blank on each of its words."""
    if not ids:
        return _escape(text)
    out: list[str] = []
    position = 0
    for match in _RUN.finditer(text):
        out.append(_escape(text[position : match.start()]))
        out.append(f"[[{'; '.join(ids)}]]{_escape(match.group())}[[/]]")
        position = match.end()
    out.append(_escape(text[position:]))
    return "".join(out)


def _escape(text: str) -> str:
    text = _RESERVED.sub(r"\\\1", text)
    text = _VERBATIM.sub(lambda match: "[\\" + match.group(1) + "]", text)
    # The atoms' unknown word, written by the author: kept apart, and not read as an atom.
    return _DUMMY.sub(lambda match: f"[{match.group()[0]}\\{match.group()[1:]}]", text)


# Decoding -------------------------------------------------------------------------------


@dataclass
class _Unit:
    """A run of output: plain text, or the text one word-bound blank holds."""

    text: str
    ids: list[str] = field(default_factory=list)


def decode(body: str, source: str) -> str:
    """A block's translated body back to text with ``{n}`` placeholders.

    A pair whose every word the engine dropped (es→en "Esto *no* es" → "This is not")
    comes back empty at the end, for the markup layer to leave out (:func:`from_stream`
    first looks for where its words went).
    """
    text, dropped = _decode(body, source)
    return text + "".join("{" + opener + "}{" + closer + "}" for opener, closer in dropped)


def _decode(body: str, source: str) -> tuple[str, list[tuple[str, str]]]:
    """The decoded text, and the pairs (opener, closer) that no word carries any more."""
    units = _units(body)
    _drop_sentence_end(units)
    prose, names, written = _cut(source)
    placed: set[str] = set()
    found: dict[tuple[str, str], list[int]] = {}
    for position, unit in enumerate(units):
        atoms = [i[2:] for i in unit.ids if i.startswith("a:") and i[2:] not in placed]
        placed.update(atoms)
        unit.text = _place_atoms(unit.text, atoms, written)
        for pair in unit.ids:
            if pair.startswith("p:"):
                opener, _, closer = pair[2:].partition(":")
                found.setdefault((opener, closer), []).append(position)
    spans = _nest({pair: (min(at), max(at)) for pair, at in found.items()})
    dropped = [
        (names[start], names[end])
        for start, end in _carried_pairs(prose, names)
        if (names[start], names[end]) not in found
    ]
    before: dict[int, list[tuple[int, str]]] = {}
    after: dict[int, list[tuple[int, str]]] = {}
    for (opener, closer), (start, end) in spans.items():
        before.setdefault(start, []).append((-end, "{" + opener + "}"))  # outer first
        after.setdefault(end, []).append((-start, "{" + closer + "}"))  # inner first
    out: list[str] = []
    for position, unit in enumerate(units):
        out.extend(token for _, token in sorted(before.get(position, [])))
        out.append(unit.text)
        out.extend(token for _, token in sorted(after.get(position, [])))
    return _tidy(_clean("".join(out)), source), dropped


# Emphasis whose words the engine dropped -------------------------------------------------


@dataclass(frozen=True)
class _Helper:
    """What tells where the words of a pair went when no word carries its blank any more.

    A transfer rule may write a word of its own for one it consumed: es→en "Esto *no* es
    una" → "This is not a", where "not" comes from the rule, with no blank. Translated in
    the same request: ``words``, the pair's words alone (fr→es "pas" → "no"), and
    ``without``, the pair's sentence without them ("Esto es una…" → "This is a…": the one
    run of words the translation has more, "not", is theirs).
    """

    opener: str
    closer: str
    words: str
    without: str | None

    def put_back(self, translated: str, helped: dict[str, str]) -> str | None:
        """``translated`` with the pair around its words again, or None if not found."""
        found = None
        if self.without is not None and self.without in helped:
            found = _inserted(translated, helped[self.without], len(_WORD.findall(self.words)))
        if found is None and self.words in helped:
            found = _first_occurrence(translated, helped[self.words])
        if found is None:
            return None
        start, end = found
        opener, closer = "{" + self.opener + "}", "{" + self.closer + "}"
        return translated[:start] + opener + translated[start:end] + closer + translated[end:]


#: Longest sentence sent again without a pair's words (longer ones rely on the words alone).
_LONGEST_WITHOUT = 2_000
_SENTENCE_PUNCTUATION = re.compile(r"[.!?;:…]\s")


def _helpers(texts: list[str]) -> dict[tuple[int, tuple[str, str]], _Helper]:
    """For each pair around words alone, by text index and (opener, closer)."""
    found: dict[tuple[int, tuple[str, str]], _Helper] = {}
    for index, text in enumerate(texts):
        if "{" not in text:
            continue
        text = text.replace("\0", "")
        cuts = list(_CUT.finditer(text))
        prose, names, _ = _cut(text)
        for start, end in _carried_pairs(prose, names):
            words = prose[end].strip()
            if end != start + 1 or not _WORD.search(words):
                continue  # a pair around other placeholders keeps its blank on them
            without = _sentence_without(text, cuts[start].start(), cuts[end].end())
            found[index, (names[start], names[end])] = _Helper(
                names[start], names[end], words, without
            )
    return found


def _helper_texts(helpers: dict[tuple[int, tuple[str, str]], _Helper]) -> list[str]:
    texts = (text for helper in helpers.values() for text in (helper.words, helper.without))
    return list(dict.fromkeys(text for text in texts if text is not None))


def _sentence_without(text: str, start: int, end: int) -> str | None:
    """The sentence of ``text`` holding ``text[start:end]``, with that taken out."""
    before, after = text[:start], text[end:]
    if not after[:1].isalnum() and not after[:1].isspace():
        before = before.rstrip(" \t")  # "es *así*." → "es."
    elif before.endswith((" ", "\t")) or not before.strip():
        after = after.lstrip(" \t")
    joined = before + after
    position = 0
    sentences = split_sentences(joined)
    for number, sentence in enumerate(sentences):
        position += len(sentence)
        if len(before) < position or number == len(sentences) - 1:
            sentence = sentence.strip()
            if _WORD.search(sentence) and len(sentence) <= _LONGEST_WITHOUT:
                return sentence
            return None
    return None


def _words(text: str) -> list[tuple[int, int, str]]:
    """The words of a decoded text (not those of its placeholders): start, end, folded."""
    masked = _CUT.sub(lambda match: " " * len(match.group()), text)
    return [(m.start(), m.end(), m.group().casefold()) for m in _WORD.finditer(masked)]


def _inserted(translated: str, without: str, count: int) -> tuple[int, int] | None:
    """Where the one run of words lies that ``translated`` has and ``without`` lacks.

    Everything else must be the same words in the same order; words of other sentences
    make runs at the ends, so an inner run wins; a run at an end counts only if it is
    the only one and no longer than the pair's ``count`` words.
    """
    ours = _words(translated)
    theirs = [word for _, _, word in _words(without)]
    if not theirs:
        return None
    codes = SequenceMatcher(None, [w for _, _, w in ours], theirs, autojunk=False).get_opcodes()
    inner: list[tuple[int, int]] = []
    ends: list[tuple[int, int]] = []
    for position, (tag, first, last, _, _) in enumerate(codes):
        if tag == "equal":
            continue
        if tag != "delete":
            return None  # taking the words out changed the rest of the sentence
        (inner if 0 < position < len(codes) - 1 else ends).append((first, last))
    if len(inner) == 1:
        (first, last), most = inner[0], count + 1
    elif not inner and len(ends) == 1:
        (first, last), most = ends[0], count
    else:
        return None
    start, end = ours[first][0], ours[last - 1][1]
    if last - first > most or _CUT.search(translated, start, end):
        return None
    if _SENTENCE_PUNCTUATION.search(translated, start, end):
        return None
    return start, end


def _first_occurrence(translated: str, words: str) -> tuple[int, int] | None:
    """Where ``words`` (the pair's words translated alone) first stand as whole words."""
    wanted = re.sub(r"^\W+|\W+$", "", words)
    if not wanted:
        return None
    masked = _CUT.sub(lambda match: " " * len(match.group()), translated)
    pattern = rf"(?<!\w){re.escape(wanted)}(?!\w)"
    found = re.search(pattern, masked) or re.search(pattern, masked, re.IGNORECASE)
    return found.span() if found else None


def _units(body: str) -> list[_Unit]:
    """Split a body into plain runs and word-bound runs; superblanks give back their text."""
    units: list[_Unit] = [_Unit("")]
    for match in _STREAM_PIECE.finditer(body):
        kind = match.lastgroup
        if kind == "close":
            units.append(_Unit(""))
        elif kind == "open":
            ids = [part.strip() for part in match.group("open").split(";")]
            units.append(_Unit("", [part for part in ids if part]))
        elif kind == "blank":
            units[-1].text += match.group("blank")
        else:
            units[-1].text += match.group()
    return [unit for unit in units if unit.text or unit.ids]


_STREAM_PIECE = re.compile(
    r"(?P<close>\[\[/\]\])"
    r"|\[\[(?P<open>[^\]]*)\]\]"
    r"|\[(?P<blank>(?:\\.|[^\\\]])*)\]"
    r"|(?P<text>(?:\\.|[^\\\[])+|\\|\[)",
    re.DOTALL,
)


def _drop_sentence_end(units: list[_Unit]) -> None:
    """Take away the full stop the framing added: the last one, wherever it went."""
    for unit in reversed(units):
        stripped = unit.text.rstrip()
        backslashes = len(stripped[:-1]) - len(stripped[:-1].rstrip("\\"))
        if stripped.endswith(".") and backslashes % 2 == 0:
            unit.text = stripped[:-1] + unit.text[len(stripped) :]
            return
        if stripped:
            return


def _place_atoms(text: str, atoms: list[str], written: dict[str, str]) -> str:
    """Put atom placeholders where their unknown word came out, in order.

    A format placeholder goes back as written (escaped, as the rest of the text still is).
    """
    dummies = list(_DUMMY.finditer(text))
    if not atoms:
        return _DUMMY.sub("", text) if dummies else text
    tokens = [_literal(written[name]) if name in written else "{" + name + "}" for name in atoms]
    if not dummies:
        return "".join(tokens) + text
    # One token per unknown word; any left over go with the last.
    groups = [tokens[i] for i in range(len(dummies) - 1)] + ["".join(tokens[len(dummies) - 1 :])]
    out: list[str] = []
    position = 0
    for dummy, group in zip(dummies, groups, strict=False):
        out.append(text[position : dummy.start()])
        out.append(group)
        position = dummy.end()
    out.append(text[position:])
    return "".join(out)


def _literal(text: str) -> str:
    """Text to put among a decoded body's (escaped) text, to come out of :func:`_clean` as is."""
    text = _RESERVED.sub(r"\\\1", text)
    return _DUMMY.sub(lambda match: f"{match.group()[0]}\\{match.group()[1:]}", text)


def _nest(spans: dict[tuple[str, str], tuple[int, int]]) -> dict[tuple[str, str], tuple[int, int]]:
    """Widen a pair whose words now cross another pair's, so that pairs always nest."""
    result = dict(spans)
    stack: list[tuple[str, str]] = []
    for pair in sorted(spans, key=lambda pair: (spans[pair][0], -spans[pair][1])):
        start, end = result[pair]
        while stack and result[stack[-1]][1] < start:
            stack.pop()
        for outer in stack:
            if result[outer][1] < end:
                result[outer] = (result[outer][0], end)
        stack.append(pair)
    return result


def _tidy(text: str, source: str) -> str:
    """Close the gap a dropped word leaves ("no es  una", "come ."), unless written so."""
    if "  " not in source:
        text = re.sub(r"(?<=\S) {2,}(?=\S)", " ", text)
    if not re.search(r" [.,]", source):
        text = re.sub(r"(?<=[\w}]) +(?=[.,](?:\s|$))", "", text)
    return text


def _clean(text: str) -> str:
    """Remove Apertium notation that should never reach a reader, then unescape."""
    text = _LEAKED_UNIT.sub(lambda match: match.group(1).lstrip("*#@"), text)
    text = _LEAKED_TAGS.sub("", text)
    text = _MARKS.sub("", text)
    text = _DUMMY.sub("", text)  # an atom's word that lost its blank
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL)
