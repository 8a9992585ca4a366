"""Running programs that answer NUL-terminated requests: a chain of processes piped together.

A warm Apertium mode is made of such chains (:mod:`translations.engines.apertium_warm`):
every stage null-flushes, answering each NUL of its input with exactly one NUL once it
has written what came before, so an answer is complete when as many NULs have come out
of the last stage as went into the first.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import tempfile
import time
from collections.abc import Mapping

from translations.errors import TransientTranslationError


class Stopped(Exception):
    """The chain ended (a stage died or closed its output) during a request."""


class Chain:
    """Processes started together, each reading the previous one's output.

    ``group`` is the process group to join (0: the first process starts its own), so one
    signal stops every process of a mode. Stages write their errors to a file of the
    chain's own: unlike a pipe, a file never fills up and blocks a chatty stage.
    """

    def __init__(
        self, stages: list[list[str]], *, env: Mapping[str, str], name: str, group: int = 0
    ) -> None:
        self.name = name
        self.stderr, path = tempfile.mkstemp(prefix="apertium-stderr-")
        os.unlink(path)
        self._stderr_read = 0
        self.processes: list[subprocess.Popen[bytes]] = []
        try:
            for argv in stages:
                previous = self.processes[-1] if self.processes else None
                process = subprocess.Popen(
                    argv,
                    stdin=previous.stdout if previous else subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=self.stderr,
                    env=dict(env),
                    process_group=group or (self.processes[0].pid if self.processes else 0),
                )
                if previous is not None and previous.stdout is not None:
                    previous.stdout.close()  # only the next stage reads it now
                self.processes.append(process)
        except OSError as exc:
            self.kill()
            raise TransientTranslationError(f"Apertium could not start: {exc}") from exc

    @property
    def group(self) -> int:
        return self.processes[0].pid

    def running(self) -> bool:
        return bool(self.processes) and all(p.poll() is None for p in self.processes)

    def exchange(self, stream: bytes, deadline: float) -> bytes:
        """Send ``stream`` and read until as many NULs have come back as it holds."""
        return exchange_all([(self, stream)], deadline)[0]

    def stderr_text(self, start: int) -> tuple[str, int]:
        """What the stages wrote to their error file from offset ``start``, and its end."""
        with contextlib.suppress(OSError):
            end = os.lseek(self.stderr, 0, os.SEEK_END)
            os.lseek(self.stderr, start, os.SEEK_SET)
            return os.read(self.stderr, end - start).decode("utf-8", "replace"), end
        return "", start

    def new_errors(self) -> str:
        """What the stages wrote to their error file since the last call."""
        text, self._stderr_read = self.stderr_text(self._stderr_read)
        return text

    def stderr_tail(self) -> str:
        with contextlib.suppress(OSError):
            size = os.lseek(self.stderr, 0, os.SEEK_END)
            return self.stderr_text(max(0, size - 500))[0].strip()
        return ""

    def signal_stop(self) -> None:
        """Stop every process, without waiting for them (:meth:`reaped` tells when done)."""
        for process in self.processes:
            if process.returncode is None:
                with contextlib.suppress(OSError):
                    process.kill()

    def reaped(self) -> bool:
        """True once every stopped process is gone (and the chain's files are closed)."""
        if any(process.poll() is None for process in self.processes):
            return False
        self.kill()
        return True

    def kill(self) -> None:
        """Stop every process now and reap each one, so none is left a zombie."""
        self.signal_stop()
        for process in self.processes:
            process.wait()
            for pipe in (process.stdin, process.stdout):
                if pipe is not None:
                    with contextlib.suppress(OSError):
                        pipe.close()
        self.processes = []
        if self.stderr >= 0:
            with contextlib.suppress(OSError):
                os.close(self.stderr)
            self.stderr = -1

    def forget(self) -> None:
        """Drop an inherited chain (after a fork) without touching its processes."""
        self.processes = []
        if self.stderr >= 0:
            with contextlib.suppress(OSError):
                os.close(self.stderr)
            self.stderr = -1


def exchange_all(requests: list[tuple[Chain, bytes]], deadline: float) -> list[bytes]:
    """Send each chain its stream and read each answer, all side by side."""
    return _run([_Exchange(chain, stream, stream.count(0)) for chain, stream in requests], deadline)


def pipeline(chains: list[Chain], stream: bytes, deadline: float) -> list[bytes]:
    """Send ``stream`` through ``chains`` one after the other; what each one answered.

    Each chain's output is passed on to the next as it comes, so all of them work at once,
    as the stages of one shell pipeline would.
    """
    expected = stream.count(0)
    exchanges = [_Exchange(chain, b"", expected) for chain in chains]
    exchanges[0].inbox += stream
    for before, after in zip(exchanges, exchanges[1:], strict=False):
        before.feeds = after
    return _run(exchanges, deadline)


def _write(exchange: _Exchange) -> None:
    """Write what the pipe takes now of what is waiting for this chain."""
    if exchange.written >= len(exchange.inbox):
        return
    try:
        chunk = bytes(exchange.inbox[exchange.written : exchange.written + (1 << 16)])
        exchange.written += os.write(exchange.write_fd, chunk)
    except BlockingIOError:
        pass
    except OSError as exc:
        tail = exchange.chain.stderr_tail()
        raise Stopped(tail or f"its input closed ({exc})") from None


class _Exchange:
    """One chain's side of a request: what is left to write to it, what it answered."""

    def __init__(self, chain: Chain, stream: bytes, expected: int) -> None:
        stdin, stdout = chain.processes[0].stdin, chain.processes[-1].stdout
        if stdin is None or stdout is None:
            raise Stopped("its pipes are closed")
        self.chain, self.expected = chain, expected
        self.write_fd, self.read_fd = stdin.fileno(), stdout.fileno()
        os.set_blocking(self.write_fd, False)
        self.inbox = bytearray(stream)
        self.written = 0
        self.output = bytearray()
        self.seen = 0
        self.feeds: _Exchange | None = None


def _run(exchanges: list[_Exchange], deadline: float) -> list[bytes]:
    """Write and read every exchange in one loop until each answer is complete.

    Writing and reading share the loop (an answer may outgrow the pipe buffers while its
    request is still being written), with no thread to start for each request. An answer
    is complete when as many NULs have come back as its request holds.
    """
    readers = {ex.read_fd: ex for ex in exchanges if ex.expected}
    writers = {ex.write_fd: ex for ex in exchanges}
    for exchange in exchanges:
        _write(exchange)
    while readers:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        writing = [fd for fd, ex in writers.items() if ex.written < len(ex.inbox)]
        readable, writable, _ = select.select(list(readers), writing, [], remaining)
        for fd in writable:
            _write(writers[fd])
        for fd in readable:
            exchange = readers[fd]
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                raise Stopped(exchange.chain.stderr_tail() or "its output ended")
            exchange.output += chunk
            exchange.seen += chunk.count(0)
            if exchange.feeds is not None:
                exchange.feeds.inbox += chunk
                _write(exchange.feeds)  # at once: one wake-up less for every stage after
            if exchange.seen >= exchange.expected:
                del readers[fd]
    for exchange in exchanges:
        output = exchange.output
        if exchange.seen > exchange.expected or (output and output[-1] != 0):
            raise Stopped("output continued after the end of the request")
    return [bytes(exchange.output) for exchange in exchanges]


def kill_group(group: int) -> None:
    """Stop a whole process group at once (a wedged stage may not read its input)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, signal.SIGKILL)
