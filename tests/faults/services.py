"""Real parts to break: a Redis server, a Celery worker with beat, a PostgreSQL cluster.

Each runs in processes of its own, started and stopped here as an operator (or a crash)
would: the fault tests (tests/faults/) and bench/faults.py use the same ones. The worker
is the production worker (``celery -A cms worker --beat``) on the database the caller
names, with the recovery intervals short enough for a test to wait on.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORKER_SCRIPT = Path(__file__).with_name("worker.py")


def free_port(candidates: range | None = None) -> int:
    """A port nobody listens on: one of ``candidates`` if given, else any."""
    for port in candidates or [0]:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(probe.getsockname()[1])
    raise RuntimeError(f"no free port in {candidates}")


def wait_until(condition: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout:.0f} s")
        time.sleep(0.05)


def answers(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


class RedisServer:
    """redis-server on a port of its own, with nothing kept on disk: stopping it is a
    broker outage that loses the messages it held, the worst case."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port(range(6390, 6400))
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        executable = shutil.which("redis-server")
        if executable is None:
            raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
        self.process = subprocess.Popen(  # noqa: S603 -- a fixed command
            [executable, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--loglevel", "warning"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(lambda: answers(self.port), 30, "redis-server start")

    def stop(self) -> None:
        """Down at once, as a crash: no shutdown handshake."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None
        wait_until(lambda: not answers(self.port), 30, "redis-server stop")


class Worker:
    """``celery -A cms worker --beat`` (tests/faults/worker.py) in its own process group."""

    def __init__(self, env: dict[str, str], *, name: str, concurrency: int = 1) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix=f"puentes-faults-{name}-"))
        self.env = env
        self.name = name
        self.concurrency = concurrency
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def ready_file(self) -> Path:
        return self.folder / "ready"

    def start(self, timeout: float = 120) -> None:
        self.log = (self.folder / "worker.log").open("wb")
        self.process = subprocess.Popen(  # noqa: S603 -- our own script
            [sys.executable, str(WORKER_SCRIPT), str(self.folder), self.name]
            + [str(self.concurrency)],
            env=self.env,
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killed whole, beat included
        )
        deadline = time.monotonic() + timeout
        while not self.ready_file.exists():
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"the worker exited with {self.process.returncode}:\n{self.tail()}"
                )
            if time.monotonic() > deadline:
                raise RuntimeError(f"the worker did not start in {timeout:.0f} s:\n{self.tail()}")
            time.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL to the whole group: no warm shutdown, no message acknowledged or given back."""
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            self.process = None
            self.log.close()

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is not None:  # it ended by itself
            self.process = None
            self.log.close()
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.process = None
        self.log.close()

    def tail(self) -> str:
        path = self.folder / "worker.log"
        if not path.exists():
            return ""
        lines = path.read_text(errors="replace").splitlines()
        return "\n".join(line for line in lines if "Sending due task" not in line)[-3000:]

    def remove(self) -> None:
        if not os.environ.get("PUENTES_FAULTS_KEEP_LOGS"):  # set it to read worker.log
            shutil.rmtree(self.folder, ignore_errors=True)


def worker_env(
    *,
    broker_url: str,
    database_name: str,
    engine_url: str,
    sweep_seconds: float,
    lease_seconds: float,
) -> dict[str, str]:
    """The worker's environment: this process's settings, plus the broker, database and
    engine it is told, and recovery intervals (beat's sweep, a claim's lease)."""
    env = os.environ.copy()
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "cms.settings.test"),
            "CELERY_BROKER_URL": broker_url,
            "PUENTES_FAULTS_DATABASE_NAME": database_name,
            "TRANSLATION_ENGINE": "libretranslate",
            "TRANSLATION_API_URL": engine_url,
            "TRANSLATION_TIMEOUT": "60",
            "TRANSLATION_SWEEP_SECONDS": str(sweep_seconds),
            "TRANSLATION_CLAIM_LEASE": str(lease_seconds),
            "LOG_LEVEL": os.environ.get("PUENTES_FAULTS_LOG_LEVEL", "WARNING"),
        }
    )
    return env


class PostgresCluster:
    """A PostgreSQL cluster of its own in a temporary folder (initdb, pg_ctl), on a free
    port: stopping it is a database outage, with nothing else on the machine touched."""

    def __init__(self) -> None:
        found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
        if not found:
            raise RuntimeError("PostgreSQL's server programs are not installed (postgresql)")
        self.bin = found[-1].parent
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="puentes-faults-pg-"))
        self.data = self.folder / "data"
        # PostgreSQL refuses to run as root: as root, it runs as the postgres user.
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.folder, "postgres")
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync")

    def run(self, program: str, *args: str) -> None:
        subprocess.run(  # noqa: S603 -- PostgreSQL's own programs
            [*self.as_user, str(self.bin / program), *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-w",
            "-l",
            str(self.folder / "log"),
            "start",
        )

    def stop(self) -> None:
        """Fast shutdown: every open connection is cut, as when the server goes down."""
        self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def settings(self) -> dict[str, object]:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "postgres",
            "USER": "postgres",
            "PASSWORD": "",
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
        }
