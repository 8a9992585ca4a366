"""A warm Apertium mode: one set of processes per mode, answering request after request.

Every stage of a mode loads its transducer when it starts (~0.1–0.3 s for a pair), which
costs more than translating a whole post. Each stage can instead *null-flush* (``-z``):
it finishes and flushes the text it has at each NUL byte and waits for more. So a mode is
started once, and each request is a deformatted stream ended by a NUL; the answer is
everything up to the NUL that comes out the other end.

``apertium -z -f html <mode>`` cannot be used for this: the wrapper passes ``-z`` to the
mode's programs only. ``apertium-deshtml`` and ``apertium-rehtml`` have no null-flush
(they are scanners that read to end of input), and the wrapper's ``gawk`` filters around
the mode (``RS="\\0|\\n"``, a regular-expression separator) read past a NUL before
printing it. Here the mode's own programs run directly, as ``apertium-wblank-mode -z``
writes them (the very command line the wrapper builds), and the formatters run once per
request; they are small programs that start in a few milliseconds.

A request may hold several NULs of its own (Transfuse's stream separates its blocks with
them); each stage answers a NUL with exactly one NUL while it runs, so the answer is
complete when as many NULs have come out as went in.
"""

from __future__ import annotations

import contextlib
import os
import select
import shlex
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping

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


class _Stopped(Exception):
    """The pipeline ended (a stage died or closed its output) during a request."""


class WarmMode:
    """The processes of one mode, restarted when they die or hang; one request at a time.

    The lock makes it safe to share between threads (a Celery threads pool). After a
    fork the child never touches its parent's processes: it starts its own.
    """

    def __init__(self, stages: list[list[str]], *, env: Mapping[str, str], name: str) -> None:
        self.stages = stages
        self.env = dict(env)
        self.name = name
        self.starts = 0
        self._lock = threading.Lock()
        self._processes: list[subprocess.Popen[bytes]] = []
        self._stderr: int | None = None  # the stages' shared stderr file
        self._owner = 0
        self._served = 0

    @property
    def pids(self) -> list[int]:
        """The running stages, first to last (empty before the first request)."""
        return [p.pid for p in self._processes if self._owner == os.getpid()]

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
            except _Stopped as stopped:
                reused = self._served > 0
                self._kill()
                if not reused:
                    raise TransientTranslationError(
                        f"Apertium ({self.name}) stopped: {stopped}"
                    ) from None
            self._start()
            try:
                return self._exchange(stream, timeout)
            except _Stopped as stopped:
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
            processes = self._processes
            with contextlib.suppress(OSError):
                if processes and processes[0].stdin:
                    processes[0].stdin.close()
            deadline = time.monotonic() + 2
            for process in processes:
                try:
                    process.wait(max(0.0, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    break
            self._kill()

    # ------------------------------------------------------------------------------------

    def _running(self) -> bool:
        if self._owner != os.getpid():
            self._forget()  # inherited through fork: the parent's, not ours to stop
            return False
        return bool(self._processes) and all(p.poll() is None for p in self._processes)

    def _start(self) -> None:
        self._kill()
        # A file, unlike a pipe, never fills up and blocks a chatty stage.
        self._stderr, path = tempfile.mkstemp(prefix="apertium-stderr-")
        os.unlink(path)
        processes: list[subprocess.Popen[bytes]] = []
        try:
            for argv in self.stages:
                previous = processes[-1] if processes else None
                process = subprocess.Popen(
                    argv,
                    stdin=previous.stdout if previous else subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=self._stderr,
                    env=self.env,
                    # One process group, so a timeout can stop every stage at once.
                    process_group=processes[0].pid if processes else 0,
                )
                if previous is not None and previous.stdout is not None:
                    previous.stdout.close()  # only the next stage reads it now
                processes.append(process)
        except OSError as exc:
            self._processes, self._owner = processes, os.getpid()
            self._kill()
            raise TransientTranslationError(f"Apertium could not start: {exc}") from exc
        self._processes, self._owner, self._served = processes, os.getpid(), 0
        self.starts += 1

    def _exchange(self, stream: bytes, timeout: float) -> bytes:
        stdin, stdout = self._processes[0].stdin, self._processes[-1].stdout
        if stdin is None or stdout is None:
            raise _Stopped("its pipes are closed")

        def feed() -> None:
            # A thread of its own: the answer may outgrow the pipe buffers while we write.
            with contextlib.suppress(OSError, ValueError):
                stdin.write(stream)
                stdin.flush()

        writer = threading.Thread(target=feed, name=f"apertium-{self.name}-feed", daemon=True)
        writer.start()
        output = bytearray()
        expected, seen = stream.count(0), 0
        deadline = time.monotonic() + timeout
        fd = stdout.fileno()
        try:
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    self._kill()
                    raise TransientTranslationError(
                        f"Apertium took longer than {timeout:g}s ({self.name}, warm)"
                    )
                ready, _, _ = select.select([fd], [], [], remaining)
                if not ready:
                    continue
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    raise _Stopped(self._stderr_tail() or "its output ended")
                output += chunk
                seen += chunk.count(0)
                if seen >= expected:
                    break
        finally:
            writer.join()
        if seen > expected or output[-1] != 0:
            raise _Stopped("output continued after the end of the request")
        self._served += 1
        return bytes(output)

    def _stderr_tail(self) -> str:
        if self._stderr is None:
            return ""
        with contextlib.suppress(OSError):
            size = os.lseek(self._stderr, 0, os.SEEK_END)
            os.lseek(self._stderr, max(0, size - 500), os.SEEK_SET)
            return os.read(self._stderr, 500).decode("utf-8", "replace").strip()
        return ""

    def _kill(self) -> None:
        """Stop every stage now and reap each one, so none is left a zombie."""
        if self._processes and self._owner == os.getpid():
            # While one stage is unreaped the group id cannot belong to anyone else.
            if any(process.returncode is None for process in self._processes):
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(self._processes[0].pid, signal.SIGKILL)
            for process in self._processes:
                with contextlib.suppress(OSError):
                    process.kill()
                process.wait()
                for pipe in (process.stdin, process.stdout):
                    if pipe is not None:
                        with contextlib.suppress(OSError):
                            pipe.close()
        self._forget()

    def _forget(self) -> None:
        if self._stderr is not None:
            with contextlib.suppress(OSError):
                os.close(self._stderr)
        self._processes, self._stderr, self._served = [], None, 0


def close_all(modes: dict[str, WarmMode | None]) -> None:
    """The engine's finalizer (also run at interpreter exit): no process outlives it."""
    for mode in list(modes.values()):
        if mode is not None:
            mode.close()
    modes.clear()
