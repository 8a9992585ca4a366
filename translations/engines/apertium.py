"""Apertium: the offline default, run as one process per batch rather than per segment.

Starting ``apertium`` costs about a quarter of a second, more than translating a whole
post, so all segments of a batch go through one process: each is wrapped in its own
``<p data-s="N">`` block and the run uses ``-f html``. Apertium treats a block as a
sentence boundary (so segments cannot leak into each other's reordering) and passes the
tags through untouched, which lets the output be split back by index and counted.
``-u`` keeps unknown words unmarked; the default ``*word`` would read as Markdown.
French and English have no direct pair and pivot through Spanish.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from typing import ClassVar

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
_BLOCK = re.compile(r'<p data-s="(\d+)">(.*?)</p>', re.DOTALL)


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
    ) -> None:
        self.executable = executable
        self.data_dir = data_dir
        self.timeout = timeout

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
            output = self._run(["-l"], "")
            self._installed_modes[key] = frozenset(output.split())
        return self._installed_modes[key]

    def _run_batch(self, texts: list[str], mode: str) -> list[str]:
        """Translate all texts in one process; halve the batch if blocks come back wrong."""
        wrapped = "".join(
            f'<p data-s="{index}">{html.escape(text, quote=False)}</p>\n'
            for index, text in enumerate(texts)
        )
        output = self._run(["-u", "-f", "html", mode], wrapped)
        blocks = _BLOCK.findall(output)
        if [int(index) for index, _ in blocks] == list(range(len(texts))):
            return [html.unescape(block) for _, block in blocks]
        if len(texts) > 1:
            middle = len(texts) // 2
            return self._run_batch(texts[:middle], mode) + self._run_batch(texts[middle:], mode)
        # One text whose block did not survive: plain-text mode needs no markers.
        return [self._run(["-u", "-f", "txt", mode], texts[0]).strip()]

    def _run(self, arguments: list[str], stdin: str) -> str:
        executable = shutil.which(self.executable)
        if executable is None:
            raise PermanentTranslationError(
                f"The Apertium executable {self.executable!r} was not found; install the "
                "apertium package and its language pairs (apertium-eng-spa, apertium-fr-es)"
            )
        command = [executable, *(["-d", self.data_dir] if self.data_dir else []), *arguments]
        try:
            completed = subprocess.run(
                command,
                input=stdin,
                capture_output=True,
                text=True,
                encoding="utf-8",
                timeout=self.timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise TransientTranslationError(
                f"Apertium took longer than {self.timeout:g}s ({' '.join(arguments)})"
            ) from exc
        except OSError as exc:
            raise TransientTranslationError(f"Apertium could not start: {exc}") from exc
        if completed.returncode != 0:
            raise TransientTranslationError(
                f"Apertium exited with {completed.returncode}: {completed.stderr.strip()[:500]}"
            )
        return completed.stdout
