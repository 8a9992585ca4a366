"""Apertium: the offline default, kept warm between batches and fed whole batches.

Starting ``apertium`` costs about a quarter of a second, more than translating a whole
post. So each mode's processes stay running in null-flush mode and answer batch after
batch (:mod:`translations.engines.apertium_warm`; ``warm=False`` runs one ``apertium``
process per batch instead), and all segments of a batch go together, written in Apertium's
own stream format (:mod:`translations.engines.apertium_stream`, the ``-f none`` input):
each segment is a block ended by a NUL, a sentence boundary (so segments cannot leak into
each other's reordering) that lets the output be split back by index and counted, and its
placeholders travel as word-bound blanks, never through the analyser. ``-u`` keeps
unknown words unmarked; the default ``*word`` would read as Markdown. French and English
have no direct pair and pivot through Spanish.

Warm, a segment's translation does not depend on what the worker translated before: the
tagger is kept as fresh as just started for each segment
(:mod:`translations.engines.apertium_tagger`). One-shot, each batch starts fresh, but the
segments of one batch share a tagger.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import threading
import weakref
from typing import ClassVar

from translations.engines.apertium_stream import from_stream, to_stream
from translations.engines.apertium_warm import (
    WarmMode,
    WarmModeUnavailable,
    close_all,
    mode_stages,
)
from translations.engines.base import Engine
from translations.errors import PermanentTranslationError, TransientTranslationError

# Mode names differ between packagings (apertium-eng-spa vs the older apertium-en-es).
_MODES: dict[tuple[str, str], tuple[str, ...]] = {
    ("en", "es"): ("eng-spa", "en-es"),
    ("es", "en"): ("spa-eng", "es-en"),
    ("fr", "es"): ("fr-es", "fra-spa"),
    ("es", "fr"): ("es-fr", "spa-fra"),
}
_PIVOT = "es"
_DEFAULT_DATA_DIR = "/usr/share/apertium"

logger = logging.getLogger(__name__)


class ApertiumEngine(Engine):
    name = "apertium"
    is_online = False
    # Apertium streams; chunking only bounds the size of one process's input.
    max_chars = 100_000
    batch_size = 2_000
    max_request_chars = 400_000

    _installed_modes: ClassVar[dict[tuple[str, str | None], frozenset[str]]] = {}

    def __init__(
        self,
        *,
        executable: str = "apertium",
        data_dir: str | None = None,
        timeout: float = 300.0,
        warm: bool = True,
    ) -> None:
        self.executable = executable
        self.data_dir = data_dir
        self.timeout = timeout
        self.warm = warm
        #: Mode name → its warm processes (None: that mode cannot run warm here).
        self.warm_modes: dict[str, WarmMode | None] = {}
        self._warm_lock = threading.Lock()
        self._env: dict[str, str] | None = None
        # Closes the processes when the engine goes away, or at interpreter exit.
        self._finalizer = weakref.finalize(self, close_all, self.warm_modes)

    def close(self) -> None:
        """Stop the warm processes now (they start again if the engine is used)."""
        close_all(self.warm_modes)

    def supports(self, source: str, target: str) -> bool:
        try:
            self._route(source, target)
        except PermanentTranslationError:
            return False
        return True

    def _translate_request(self, texts: list[str], source: str, target: str) -> list[str]:
        for mode in self._route(source, target):
            texts = self._run_batch(texts, mode)
        return texts

    def _route(self, source: str, target: str) -> list[str]:
        """The modes to run in order: one for a direct pair, two through Spanish."""
        if (source, target) in _MODES:
            hops = [(source, target)]
        elif (source, _PIVOT) in _MODES and (_PIVOT, target) in _MODES:
            hops = [(source, _PIVOT), (_PIVOT, target)]
        else:
            raise PermanentTranslationError(f"Apertium has no {source}→{target} pair")
        installed = self._modes()
        route = []
        for hop in hops:
            mode = next((m for m in _MODES[hop] if m in installed), None)
            if mode is None:
                raise PermanentTranslationError(
                    f"Apertium pair {hop[0]}→{hop[1]} is not installed "
                    f"(looked for {', '.join(_MODES[hop])}; `apertium -l` lists the pairs)"
                )
            route.append(mode)
        return route

    def _modes(self) -> frozenset[str]:
        key = (self.executable, self.data_dir)
        if key not in self._installed_modes:
            output = _text(self._run(["-l"], b""))
            self._installed_modes[key] = frozenset(output.split())
        return self._installed_modes[key]

    def _run_batch(self, texts: list[str], mode: str) -> list[str]:
        """Translate all texts in one request; halve the batch if blocks come back wrong."""
        stream = to_stream(texts)
        warm = self._warm_mode(mode) if self.warm else None
        if warm is not None:
            answer = warm.request(stream, timeout=self.timeout)
        else:
            # The wrapper's stages each add a NUL of their own at the end of the input.
            answer = self._run(["-u", "-z", "-f", "none", mode], stream).rstrip(b"\0") + b"\0"
        translated = from_stream(answer, texts)
        if translated is not None:
            return translated
        if len(texts) > 1:
            middle = len(texts) // 2
            return self._run_batch(texts[:middle], mode) + self._run_batch(texts[middle:], mode)
        # One text whose block did not survive: plain-text mode needs no markers.
        plain = self._run(["-u", "-f", "txt", mode], texts[0].replace("\0", "").encode("utf-8"))
        return [_text(plain).strip()]

    def _warm_mode(self, mode: str) -> WarmMode | None:
        with self._warm_lock:
            if mode not in self.warm_modes:
                data_dir = self.data_dir or os.environ.get("APERTIUM_DATADIR", _DEFAULT_DATA_DIR)
                try:
                    stages = mode_stages(
                        os.path.join(data_dir, "modes", f"{mode}.mode"),
                        wblank_mode=self._tool("apertium-wblank-mode"),
                        unknown_marks=False,
                        env=self._tool_env(),
                    )
                except WarmModeUnavailable as exc:
                    logger.warning("Apertium %s runs one process per batch: %s", mode, exc)
                    self.warm_modes[mode] = None
                else:
                    self.warm_modes[mode] = WarmMode(stages, env=self._tool_env(), name=mode)
            return self.warm_modes[mode]

    def _tool(self, name: str) -> str:
        """An Apertium program, looked for beside the ``apertium`` executable first."""
        found = shutil.which(name, path=self._tool_env()["PATH"])
        if found is None:
            raise WarmModeUnavailable(f"{name} was not found")
        return found

    def _tool_env(self) -> dict[str, str]:
        """The wrapper's environment: its own folder first on PATH, a UTF-8 locale."""
        if self._env is None:
            self._env = self._build_env()
        return self._env

    def _build_env(self) -> dict[str, str]:
        env = dict(os.environ)
        executable = shutil.which(self.executable)
        folders = [os.path.dirname(executable)] if executable else []
        folders += [env.get("APERTIUM_PATH", "/usr/bin"), env.get("PATH", os.defpath)]
        env["PATH"] = os.pathsep.join(folders)
        env["LC_CTYPE"] = _utf8_locale()
        env.pop("LC_ALL", None)
        return env

    def _run(self, arguments: list[str], stdin: bytes) -> bytes:
        """What ``apertium <arguments>`` prints, in the environment the worker has."""
        executable = shutil.which(self.executable)
        if executable is None:
            raise PermanentTranslationError(
                f"The Apertium executable {self.executable!r} was not found; install the "
                "apertium package and its language pairs (apertium-eng-spa, apertium-fr-es)"
            )
        command = [executable, *(["-d", self.data_dir] if self.data_dir else []), *arguments]
        return self._run_program(
            command, stdin, name="Apertium", step=" ".join(arguments), env=None
        )

    def _run_program(
        self, command: list[str], stdin: bytes, *, name: str, step: str, env: dict[str, str] | None
    ) -> bytes:
        """Run a program to its end: not starting, crashing or hanging is a transient error.

        ``name`` is the program the error names, ``step`` the run that took too long.
        """
        try:
            completed = subprocess.run(
                command,
                input=stdin,
                capture_output=True,
                env=env,
                timeout=self.timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise TransientTranslationError(
                f"Apertium took longer than {self.timeout:g}s ({step})"
            ) from exc
        except OSError as exc:
            raise TransientTranslationError(f"{name} could not start: {exc}") from exc
        if completed.returncode != 0:
            stderr = completed.stderr.decode("utf-8", "replace").strip()[:500]
            raise TransientTranslationError(f"{name} exited with {completed.returncode}: {stderr}")
        return completed.stdout


_utf8_locales: list[str] = []


def _utf8_locale() -> str:
    """A UTF-8 locale for the programs, found the way the ``apertium`` wrapper finds one."""
    if not _utf8_locales:
        locale = shutil.which("locale")
        try:
            names = subprocess.run(
                [locale or "/usr/bin/locale", "-a"],
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            ).stdout.split()
        except (OSError, subprocess.SubprocessError):
            names = []
        utf8 = [n for n in names if re.search(r"utf-?8", n, re.IGNORECASE)]
        _utf8_locales.append(utf8[0] if utf8 else "C.UTF-8")
    return _utf8_locales[0]


def _text(output: bytes) -> str:
    """Program output read as text mode reads it (universal newlines)."""
    return output.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
