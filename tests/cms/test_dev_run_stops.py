"""Ctrl-C on `./dev run` stops everything it started: the web server (and its autoreloader),
the Celery worker with its pool and beat, and Apertium's pipelines the worker runs.

The real `./dev run`, on a free port and a var directory of its own, is left until the
server answers and the worker is translating the demo with Apertium; then SIGINT goes to
its process group, as a terminal sends it, and every process seen under it must end.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: Generous bounds for a loaded machine; the checks poll and never measure elapsed time.
START_TIMEOUT = 600.0
STOP_TIMEOUT = 10.0


@dataclass(frozen=True)
class Proc:
    pid: int
    ppid: int
    started: int  # clock ticks after boot: with the pid, names one process for good
    argv: tuple[str, ...]

    @property
    def name(self) -> str:
        return os.path.basename(self.argv[0]) if self.argv else ""

    def alive(self) -> bool:
        now = read_proc(self.pid)
        return now is not None and now.started == self.started and not is_zombie(self.pid)


def read_proc(pid: int) -> Proc | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return Proc(
        pid=pid,
        ppid=int(fields[1]),
        started=int(fields[19]),
        argv=tuple(part.decode(errors="replace") for part in argv if part),
    )


def is_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (FileNotFoundError, ProcessLookupError):
        return True


def descendants(root: int) -> dict[tuple[int, int], Proc]:
    """Every running process under ``root`` (by parent links), keyed by (pid, start)."""
    procs = [p for p in (read_proc(int(d)) for d in os.listdir("/proc") if d.isdigit()) if p]
    children: dict[int, list[Proc]] = {}
    for proc in procs:
        children.setdefault(proc.ppid, []).append(proc)
    found: dict[tuple[int, int], Proc] = {}
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found[(child.pid, child.started)] = child
            todo.append(child.pid)
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5):
            return True
    except urllib.error.HTTPError:
        return True  # an answer all the same
    except OSError:
        return False


def default_sigint() -> None:
    # A shell started in the background ignores SIGINT, and its children inherit that:
    # give `./dev` the SIGINT of a terminal's foreground job.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def apertium_is_warm(procs: list[Proc]) -> bool:
    """A warm Apertium mode runs: its null-flushing stages, lt-proc and apertium-*."""
    names = {p.name for p in procs if "-z" in p.argv}
    return "lt-proc" in names and any(name.startswith("apertium-") for name in names)


@pytest.mark.slow
def test_ctrl_c_stops_the_server_the_worker_and_apertium(tmp_path):
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "CELERY_BROKER_URL"}
    }
    env.update(PORT=str(port), PUENTES_VAR_DIR=str(tmp_path / "var"))
    log = (tmp_path / "dev.log").open("wb")
    dev = subprocess.Popen(
        [str(ROOT / "dev"), "run"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=default_sigint,
    )
    seen: dict[tuple[int, int], Proc] = {}
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and dev.poll() is None:
            running = descendants(dev.pid)
            seen.update(running)
            if apertium_is_warm(list(running.values())) and answers(port):
                break
            time.sleep(0.5)
        seen.update(descendants(dev.pid))
        output = (tmp_path / "dev.log").read_text(errors="replace")
        assert dev.poll() is None, output[-3000:]
        assert answers(port), output[-3000:]
        argvs = [" ".join(p.argv) for p in seen.values()]
        assert any("runserver" in argv for argv in argvs), argvs
        assert any("celery" in argv and "worker" in argv for argv in argvs), argvs
        assert apertium_is_warm(list(seen.values())), argvs

        os.killpg(dev.pid, signal.SIGINT)

        deadline = time.monotonic() + STOP_TIMEOUT
        left = list(seen.values())
        while time.monotonic() < deadline:
            dev.poll()
            left = [p for p in left if p.alive()]
            if not left and dev.poll() is not None:
                break
            time.sleep(0.1)
        assert dev.poll() is not None, "./dev run is still running"
        assert not left, [(p.pid, " ".join(p.argv)[:100]) for p in left]
        assert not answers(port)
    finally:
        for proc in [*seen.values()]:
            if proc.alive():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(proc.pid, signal.SIGKILL)
        if dev.poll() is None:
            os.killpg(dev.pid, signal.SIGKILL)
        dev.wait()
        log.close()


@pytest.mark.parametrize("signal_name", ["worker_process_shutdown", "worker_shutdown"])
def test_a_worker_process_ending_stops_its_apertium_pipelines(signal_name):
    """Apertium's stages run in process groups of their own, out of reach of a signal to
    the worker's group: the worker's shutdown signals stop them (cms/celery.py)."""
    import shutil

    from celery import signals

    import cms.celery  # noqa: F401  (connects the handlers)
    from translations.engines.apertium import ApertiumEngine

    executable = shutil.which("apertium")
    assert executable, "Apertium is a real dependency of these tests"
    engine = ApertiumEngine(executable=executable)
    try:
        assert engine.translate_batch(["El perro negro."], "es", "en") == ["The black dog."]
        stages = [
            read_proc(pid) for mode in engine.warm_modes.values() if mode for pid in mode.pids
        ]
        assert stages
        assert all(stage is not None and stage.alive() for stage in stages)

        getattr(signals, signal_name).send(sender=None)

        deadline = time.monotonic() + STOP_TIMEOUT
        left = [stage for stage in stages if stage is not None]
        while left and time.monotonic() < deadline:
            for mode in engine.warm_modes.values():
                for process in mode._processes() if mode else []:
                    process.poll()  # reap: a zombie still has a /proc entry
            left = [stage for stage in left if stage.alive()]
            time.sleep(0.05)
        assert not left, [" ".join(stage.argv) for stage in left]
    finally:
        engine.close()
