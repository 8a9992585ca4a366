"""Apertium's part-of-speech tagger, giving each text what a tagger just started would give.

``apertium-tagger`` (the HMM tagger every installed pair uses) changes itself as it runs.
A word whose set of readings (its *ambiguity class*) was not seen in training is given
the smallest known class that holds it, and finding that class overwrites the tagger's
*open class* (``find_similar_ambiguity_class`` assigns through a reference): the readings
it gives unknown words, and the size a later search must beat. From then on the same
sentence can be tagged differently. In es→fr "como", "cuando" and "debe" do it:
"Usuario anónimo como objetivo" came out "comme" or "aussi bien que" depending on what the
worker had translated before, and the translation memory kept whichever came first.

So that a text is tagged as by a tagger just started, the tagger runs as its own process
between the analyser and the rest of the mode, with ``-d``, which makes it report each
such word and its class on its standard error (the output is otherwise the same). What
that report depends on is fixed by the words alone, and so is what a changed tagger does
differently: only an unknown word, or the first unseen class of a text when the tagger
was changed by another class, can come out otherwise. A batch is tagged in one pass;
texts up to the first that changed the tagger are right, and so are later texts with
neither unknown words nor unseen classes. The others are tagged again by fresh taggers:
one for the texts with unknown words only, one per class for texts whose unseen words all
share that class (a tagger changed by a class gives that class's words what a fresh one
does), and one for each remaining text. Fresh taggers are started together, so their
loading (~5 ms each) overlaps, and each result is checked against what the first pass
predicted; if the report cannot be read, the texts are tagged one by one.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass

from translations.engines.apertium_pipes import Chain, exchange_all

#: How the tagger reports a word of an unseen class (with ``-d``).
_UNSEEN = re.compile(
    r"A new ambiguity class was found\.[^\n]*\n[^\n]*\n"
    r"Word '(?P<word>.*)'\.\nNew ambiguity class: (?P<tags>[^\n]*)\n"
)
#: An unknown word in the analysed stream: ``^surface/*surface$``.
_UNKNOWN = re.compile(rb"(?<!\\)\^(?:\\.|[^\\/$^])*/\*")
#: What the stream escapes in a surface form (``^surface/reading...$``).
_RESERVED = re.compile(r"([\\\[\]^$/@<>{}])")
#: Fresh taggers kept loaded between requests, ready to replace one that changed.
IDLE_SPARES = 2
#: Most fresh taggers loading and tagging side by side.
WAVE = 8


def is_tagger(argv: list[str]) -> bool:
    return argv[0].rsplit("/", 1)[-1] == "apertium-tagger" and "-g" in argv


@dataclass(frozen=True)
class _Unseen:
    """A word of an unseen class, where the tagger met it."""

    piece: int
    offset: int
    tags: str


class FreshTagger:
    """One tagger stage of a mode, replaced by a fresh one whenever it changed itself."""

    def __init__(self, argv: list[str], *, env: Mapping[str, str], name: str, group: int) -> None:
        self.argv = [argv[0], "-d", *argv[1:]]
        self.env = dict(env)
        self.name = name
        self.group = group
        #: Fresh taggers put to use after one changed (the first one not counted).
        self.restarts = 0
        self._current = self._start()
        self._fresh = True
        self._spares: list[Chain] = []
        self._stopping: list[Chain] = []

    @property
    def processes(self) -> list[subprocess.Popen[bytes]]:
        """The tagger in use (spares come and go: they are not stages of the mode)."""
        return self._current.processes

    def ready(self) -> Chain:
        """The tagger the next request goes through: one nothing has changed yet."""
        self._stopping = [chain for chain in self._stopping if not chain.reaped()]
        if not self._fresh:
            self._current, self._fresh = self._take(self._current), True
        return self._current

    def review(self, pieces: list[bytes], tagged: list[bytes], deadline: float) -> dict[int, bytes]:
        """After a request went through :meth:`ready`'s tagger: the pieces (by index) that a
        fresh tagger tags otherwise, tagged by one.

        ``pieces`` are what the tagger read (analysed, each ended by a NUL), ``tagged``
        what it wrote.
        """
        try:
            unseen = _unseen_in(pieces, self._current.new_errors())
            self._fresh = unseen == []
            if unseen == []:
                return {}
            if unseen is None:
                retagged = dict(enumerate(self._one_by_one(pieces, deadline)))
            else:
                retagged = self._redo(pieces, unseen, deadline)
            return {index: text for index, text in retagged.items() if text != tagged[index]}
        finally:
            if not self._fresh:
                # Loading while the rest of the mode works: one to replace this tagger at
                # the next request, one for the texts that request may have to redo.
                self._prepare(IDLE_SPARES)
            while len(self._spares) > IDLE_SPARES:
                self._retire(self._spares.pop())
            self._stopping = [chain for chain in self._stopping if not chain.reaped()]

    def close(self) -> None:
        for chain in [self._current, *self._spares, *self._stopping]:
            chain.kill()
        self._spares, self._stopping = [], []

    def forget(self) -> None:
        for chain in [self._current, *self._spares, *self._stopping]:
            chain.forget()
        self._spares, self._stopping = [], []

    # ------------------------------------------------------------------------------------

    def _redo(
        self, pieces: list[bytes], unseen: list[_Unseen], deadline: float
    ) -> dict[int, bytes]:
        """Tag again, with fresh taggers, the pieces a changed tagger may have tagged otherwise."""
        by_piece: dict[int, list[_Unseen]] = {}
        for found in unseen:
            by_piece.setdefault(found.piece, []).append(found)
        runs = _runs_to_redo(pieces, unseen[0].piece, by_piece)
        retagged: dict[int, bytes] = {}
        for wave_at in range(0, len(runs), WAVE):
            wave = runs[wave_at : wave_at + WAVE]
            self._prepare(len(wave))
            taggers = [self._take(None) for _ in wave]
            requests = [
                (tagger, [pieces[i] for i in run])
                for tagger, run in zip(taggers, wave, strict=True)
            ]
            answers, reports = self._passes(requests, deadline)
            for tagger in [self._current, *taggers[:-1]]:
                self._retire(tagger)
            self._current, self._fresh = taggers[-1], reports[-1] == []
            for run, answer, report in zip(wave, answers, reports, strict=True):
                expected = [
                    (position, u.offset, u.tags)
                    for position, index in enumerate(run)
                    for u in by_piece.get(index, [])
                ]
                if report is None or [(u.piece, u.offset, u.tags) for u in report] != expected:
                    # Not what the first pass said: the sure way, for these pieces.
                    self._fresh = False
                    answer = self._one_by_one([pieces[i] for i in run], deadline)
                retagged.update(zip(run, answer, strict=True))
        return retagged

    def _passes(
        self, requests: list[tuple[Chain, list[bytes]]], deadline: float
    ) -> tuple[list[list[bytes]], list[list[_Unseen] | None]]:
        """Tag each list of pieces with its tagger, all at once.

        Also says, for each, where words of unseen classes were met (None: cannot tell).
        """
        streams = [(tagger, b"".join(pieces)) for tagger, pieces in requests]
        answers = exchange_all(streams, deadline)
        tagged = [[piece + b"\0" for piece in answer.split(b"\0")[:-1]] for answer in answers]
        reports = [_unseen_in(pieces, tagger.new_errors()) for tagger, pieces in requests]
        return tagged, reports

    def _one_by_one(self, pieces: list[bytes], deadline: float) -> list[bytes]:
        """The slow, sure way: one piece at a time, a fresh tagger after each that changed it."""
        result = []
        for piece in pieces:
            if not self._fresh:
                self._current = self._take(self._current)
            (tagged,), (report,) = self._passes([(self._current, [piece])], deadline)
            self._fresh = report == []
            result += tagged
        return result

    def _start(self) -> Chain:
        return Chain([self.argv], env=self.env, name=f"{self.name}-tagger", group=self.group)

    def _prepare(self, count: int) -> None:
        """Have ``count`` fresh taggers loading or loaded, started at once so loads overlap."""
        while len(self._spares) < count:
            self._spares.append(self._start())

    def _take(self, replacing: Chain | None) -> Chain:
        """A fresh tagger (a spare if one is running), retiring the one it replaces."""
        if replacing is not None:
            self._retire(replacing)
        while self._spares and not self._spares[0].running():
            self._retire(self._spares.pop(0))
        self.restarts += 1
        return self._spares.pop(0) if self._spares else self._start()

    def _retire(self, chain: Chain) -> None:
        """Stop a tagger without waiting for it; it is reaped on a later call."""
        chain.signal_stop()
        self._stopping.append(chain)


def _runs_to_redo(
    pieces: list[bytes], first: int, by_piece: dict[int, list[_Unseen]]
) -> list[list[int]]:
    """The pieces a changed tagger may have tagged otherwise, grouped for fresh taggers.

    A run is tagged by one fresh tagger: the pieces with unknown words but no unseen class
    first (they change nothing), then pieces whose unseen words all share one class and
    come before any unknown word (after the first of them, a fresh tagger is in the state
    the previous ones left). Any other piece that met an unseen class is a run of its own.
    """
    plain: list[int] = []
    shared: dict[str, list[int]] = {}
    alone: list[list[int]] = []
    for index in range(first + 1, len(pieces)):
        unknown = _UNKNOWN.search(pieces[index])
        found = by_piece.get(index)
        if not found:
            if unknown is not None:
                plain.append(index)
        elif len({u.tags for u in found}) == 1 and (
            unknown is None or unknown.start() > found[0].offset
        ):
            shared.setdefault(found[0].tags, []).append(index)
        else:
            alone.append([index])
    runs = [*shared.values(), *alone]
    if plain:
        runs = [plain + runs[0], *runs[1:]] if runs else [plain]
    return runs


def _unseen_in(pieces: list[bytes], report: str) -> list[_Unseen] | None:
    """Where the reported words are, met in order; None if one cannot be found."""
    found: list[_Unseen] = []
    piece, offset = 0, 0
    for match in _UNSEEN.finditer(report):
        word = _RESERVED.sub(r"\\\1", match.group("word")).encode("utf-8")
        unit = b"^" + word + b"/"
        while piece < len(pieces):
            at = pieces[piece].find(unit, offset)
            while at > 0 and pieces[piece][at - 1 : at] == b"\\":
                at = pieces[piece].find(unit, at + 1)
            if at >= 0:
                found.append(_Unseen(piece, at, match.group("tags")))
                offset = at + len(unit)
                break
            piece, offset = piece + 1, 0
        else:
            return None
    return found
