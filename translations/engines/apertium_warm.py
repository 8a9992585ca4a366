"""A warm Apertium mode: one set of processes per mode, answering request after request.

Every stage of a mode loads its transducer when it starts (~0.1–0.3 s for a pair), which
costs more than translating a whole post. Each stage can instead *null-flush* (``-z``):
it finishes and flushes the text it has at each NUL byte and waits for more. So a mode is
started once, and each request is a stream in Apertium's format (written in-process,
:mod:`translations.engines.apertium_stream`) with a NUL after each text; the answer is
complete when as many NULs have come out as went in.

The mode's own programs run directly, as ``apertium-wblank-mode -z`` writes them (the
very command line the ``apertium`` wrapper builds), not through the wrapper, whose
``gawk`` filters around the mode (``RS="\\0|\\n"``) read past a NUL before printing it.
The tagger runs apart, between the stages before and after it, so that every text meets a
tagger as fresh as just started (:mod:`translations.engines.apertium_tagger`).
"""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import threading
import time
import weakref
from collections.abc import Mapping

from translations.engines.apertium_pipes import Chain, Stopped, kill_group, pipeline
from translations.engines.apertium_tagger import FreshTagger, is_tagger
from translations.errors import TransientTranslationError

#: Shell syntax that a mode's command line may not use here: only a plain pipeline is run.
_SHELL_SYNTAX = frozenset({"||", "&&", ";", "&", ">", "<", "(", ")", "`"})


class WarmModeUnavailable(Exception):
    """This mode cannot run warm here; the caller falls back to one process per batch."""


def mode_stages(
    mode_file: str, *, wblank_mode: str, unknown_marks: bool, env: Mapping[str, str]
) -> list[list[str]]:
    """The argument lists of the mode's programs, each with null-flush on.

    ``$1`` is the generator's option (``-n``: no ``*`` before unknown words, as ``-u``
    gives) and ``$2`` the tagger's (empty unless ambiguity is shown), as in the wrapper.
    """
    try:
        script = subprocess.run(
            [wblank_mode, "-z", mode_file],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=dict(env),
            timeout=30,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise WarmModeUnavailable(f"{wblank_mode} -z {mode_file}: {exc}") from exc
    lexer = shlex.shlex(script, posix=True, punctuation_chars="|&;<>()")
    lexer.whitespace_split = True
    stages: list[list[str]] = [[]]
    for word in lexer:
        if word == "|":
            stages.append([])
        elif word in _SHELL_SYNTAX or word.startswith("$") and word not in ("$1", "$2"):
            raise WarmModeUnavailable(f"{mode_file} is not a plain pipeline ({word!r})")
        elif word == "$1":
            stages[-1].append("-g" if unknown_marks else "-n")
        elif word != "$2":
            stages[-1].append(word)
    if not all(stages):
        raise WarmModeUnavailable(f"{mode_file} has an empty stage")
    return stages


class WarmMode:
    """The processes of one mode, restarted when they die or hang; one request at a time.

    The mode runs as three parts: the stages before the tagger, the tagger (kept fresh for
    every text, :mod:`translations.engines.apertium_tagger`) and the stages after it; a
    mode with no ``apertium-tagger`` stage runs as one part. The lock makes it safe to
    share between threads (a Celery threads pool). After a fork the child never touches
    its parent's processes: it starts its own.
    """

    def __init__(self, stages: list[list[str]], *, env: Mapping[str, str], name: str) -> None:
        self.stages = stages
        self.env = dict(env)
        self.name = name
        self.starts = 0
        self._tagger_at = next((i for i, argv in enumerate(stages) if is_tagger(argv)), None)
        self._lock = threading.Lock()
        self._front: Chain | None = None
        self._tagger: FreshTagger | None = None
        self._back: Chain | None = None
        self._owner = 0
        self._served = 0
        _LIVE.add(self)

    @property
    def pids(self) -> list[int]:
        """The running stages, first to last (empty before the first request)."""
        if self._owner != os.getpid():
            return []
        return [process.pid for process in self._processes()]

    @property
    def tagger_restarts(self) -> int:
        """How many times a tagger that changed itself was replaced by a fresh one."""
        return self._tagger.restarts if self._tagger is not None else 0

    def request(self, stream: bytes, *, timeout: float) -> bytes:
        """Translate one deformatted stream; raises TransientTranslationError on failure.

        A pipeline that served earlier requests and is found dead (killed, crashed) is
        restarted and the request sent again once; a fresh one that dies is an error.
        """
        if not stream.endswith(b"\0"):
            stream += b"\0"
        with self._lock:
            if not self._running():
                self._start()
            try:
                return self._exchange(stream, timeout)
            except Stopped as stopped:
                reused = self._served > 0
                self._kill()
                if not reused:
                    raise TransientTranslationError(
                        f"Apertium ({self.name}) stopped: {stopped}"
                    ) from None
            self._start()
            try:
                return self._exchange(stream, timeout)
            except Stopped as stopped:
                self._kill()
                raise TransientTranslationError(
                    f"Apertium ({self.name}) stopped again: {stopped}"
                ) from None

    def close(self) -> None:
        """End the processes: input closed so each stage exits, then reaped (or killed)."""
        with self._lock:
            if self._owner != os.getpid():
                self._forget()
                return
            processes = self._processes()
            for process in processes:
                with contextlib.suppress(OSError):
                    if process.stdin:
                        process.stdin.close()
            deadline = time.monotonic() + 2
            for process in processes:
                try:
                    process.wait(max(0.0, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    break
            self._kill()

    # ------------------------------------------------------------------------------------

    def _processes(self) -> list[subprocess.Popen[bytes]]:
        front = self._front.processes if self._front else []
        tagger = self._tagger.processes if self._tagger else []
        back = self._back.processes if self._back else []
        return [*front, *tagger, *back]

    def _running(self) -> bool:
        if self._owner != os.getpid():
            self._forget()  # inherited through fork: the parent's, not ours to stop
            return False
        return self._front is not None and all(p.poll() is None for p in self._processes())

    def _start(self) -> None:
        self._kill()
        self._owner = os.getpid()
        at = self._tagger_at
        try:
            if at is None:
                self._front = Chain(self.stages, env=self.env, name=self.name)
            else:
                self._front = Chain(self.stages[:at], env=self.env, name=self.name)
                group = self._front.group
                self._tagger = FreshTagger(
                    self.stages[at], env=self.env, name=self.name, group=group
                )
                self._back = Chain(self.stages[at + 1 :], env=self.env, name=self.name, group=group)
        except TransientTranslationError:
            self._kill()
            raise
        self._served = 0
        self.starts += 1

    def _exchange(self, stream: bytes, timeout: float) -> bytes:
        deadline = time.monotonic() + timeout
        front, tagger, back = self._front, self._tagger, self._back
        if front is None:
            raise Stopped("it is not running")
        try:
            if tagger is None or back is None:
                answer = front.exchange(stream, deadline)
            else:
                answer = _through_fresh_tagger(front, tagger, back, stream, deadline)
        except TimeoutError:
            self._kill()
            raise TransientTranslationError(
                f"Apertium took longer than {timeout:g}s ({self.name}, warm)"
            ) from None
        self._served += 1
        return answer

    def _kill(self) -> None:
        """Stop every stage now and reap each one, so none is left a zombie."""
        ours = self._owner == os.getpid()
        # While the first stage is unreaped the group id cannot belong to anyone else.
        if ours and self._front and any(p.returncode is None for p in self._processes()):
            kill_group(self._front.group)
        if ours and self._tagger is not None:
            self._tagger.close()
        for chain in (self._front, self._back):
            if ours and chain is not None:
                chain.kill()
        self._forget()

    def _forget(self) -> None:
        for part in (self._front, self._tagger, self._back):
            if part is not None:
                part.forget()
        self._front = self._tagger = self._back = None
        self._served = 0


def _through_fresh_tagger(
    front: Chain, tagger: FreshTagger, back: Chain, stream: bytes, deadline: float
) -> bytes:
    """The three parts as one pipeline; then the texts a fresh tagger tags otherwise (few,
    and in most requests none) go through the stages after the tagger again."""
    analysed, tagged, answer = pipeline([front, tagger.ready(), back], stream, deadline)
    fixes = tagger.review(_pieces(analysed), _pieces(tagged), deadline)
    if not fixes:
        return answer
    answers = _pieces(answer)
    redone = _pieces(back.exchange(b"".join(fixes.values()), deadline))
    for index, text in zip(fixes, redone, strict=True):
        answers[index] = text
    return b"".join(answers)


def _pieces(stream: bytes) -> list[bytes]:
    """A null-flushed stream cut after each NUL."""
    return [piece + b"\0" for piece in stream.split(b"\0")[:-1]]


#: Every warm mode of this process, so that a process going away can stop them all.
_LIVE: weakref.WeakSet[WarmMode] = weakref.WeakSet()


def kill_every_mode() -> None:
    """Stop at once the processes of every warm mode this process started, without waiting
    for a request in progress: for a process about to end (a Celery worker's shutdown).
    Each mode's stages share one process group, so one signal reaches them all."""
    for mode in list(_LIVE):
        front = mode._front
        if mode._owner == os.getpid() and front is not None and front.processes:
            kill_group(front.group)


def close_all(modes: dict[str, WarmMode | None]) -> None:
    """The engine's finalizer (also run at interpreter exit): no process outlives it."""
    for mode in list(modes.values()):
        if mode is not None:
            mode.close()
    modes.clear()
