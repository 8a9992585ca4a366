"""A loopback HTTP server that speaks each online provider's API, for real-HTTP tests.

The engines run their real client code (deep-translator, the official deepl client,
requests) against 127.0.0.1. The server "translates" deterministically by prefixing
``[<target>] `` and can be told to answer the next requests with an error or to hang.

Paths: ``/google/m`` (the web page deep-translator scrapes), ``/microsoft/translate`` and
``/microsoft/languages`` (Translator v3), ``/libre/translate`` and
``/deepl/v2/translate``.
"""

from __future__ import annotations

import collections
import html
import json
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

MICROSOFT_KEY = "ms-test-key"
DEEPL_KEY = "deepl-test-key"
LIBRE_KEY = "libre-test-key"
LANGUAGES = {"es": "Spanish", "fr": "French", "en": "English"}


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    client_port: int

    @property
    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


@dataclass
class Scripted:
    path_prefix: str
    status: int
    body: Any = ""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


class LoopbackProviders:
    """The running server, its request log, and the knobs tests turn."""

    def __init__(self) -> None:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.app = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._lock = threading.Lock()
        self.stopping = threading.Event()
        self.requests: list[Recorded] = []
        self._script: collections.deque[Scripted] = collections.deque()
        self.libre_requires_key = False
        self.libre_accepts_lists = True
        self.microsoft_key, self.deepl_key, self.libre_key = MICROSOFT_KEY, DEEPL_KEY, LIBRE_KEY
        self.fake = fake

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self._script.clear()
        self.libre_requires_key = False
        self.libre_accepts_lists = True

    def url(self, provider: str) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/{provider}"

    def reply(
        self,
        provider: str,
        status: int,
        body: Any = "",
        headers: dict[str, str] | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next ``times`` requests to ``provider`` with this instead."""
        with self._lock:
            for _ in range(times):
                self._script.append(Scripted(f"/{provider}", status, body, headers or {}))

    def hang(self, provider: str, seconds: float = 30.0) -> None:
        """Make the next request to ``provider`` wait ``seconds`` before answering."""
        with self._lock:
            self._script.append(Scripted(f"/{provider}", 200, "{}", {}, delay=seconds))

    def calls(self, path: str) -> list[Recorded]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    # The request side -------------------------------------------------------------

    def handle(self, handler: _Handler) -> None:
        split = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        recorded = Recorded(
            method=handler.command,
            path=split.path,
            query=parse_qs(split.query),
            headers={k.lower(): v for k, v in handler.headers.items()},
            body=handler.rfile.read(length) if length else b"",
            client_port=handler.client_address[1],
        )
        with self._lock:
            self.requests.append(recorded)
            scripted = next(
                (s for s in self._script if recorded.path.startswith(s.path_prefix)), None
            )
            if scripted is not None:
                self._script.remove(scripted)
        if scripted is not None:
            if scripted.delay and self.stopping.wait(scripted.delay):
                return
            _send(handler, scripted.status, scripted.body, scripted.headers)
            return
        route = {
            "/google/m": self._google,
            "/microsoft/languages": self._microsoft_languages,
            "/microsoft/translate": self._microsoft,
            "/libre/translate": self._libre,
            "/deepl/v2/translate": self._deepl,
        }.get(recorded.path)
        if route is None:
            _send(handler, 404, {"error": "not found"})
            return
        _send(handler, *route(recorded))

    @staticmethod
    def _google(request: Recorded) -> tuple[int, Any]:
        text, target = request.query["q"][0], request.query["tl"][0]
        page = f'<html><body><div class="result-container">{html.escape(fake(text, target))}</div>'
        return 200, page + "</body></html>"

    @staticmethod
    def _microsoft_languages(request: Recorded) -> tuple[int, Any]:
        languages = {code: {"name": name, "nativeName": name} for code, name in LANGUAGES.items()}
        return 200, {"translation": languages}

    @staticmethod
    def _microsoft(request: Recorded) -> tuple[int, Any]:
        if request.headers.get("ocp-apim-subscription-key") != MICROSOFT_KEY:
            error = {"code": 401000, "message": "The request is not authorized."}
            return 401, {"error": error}
        target = request.query["to"][0]
        items = request.json
        return 200, [
            {"translations": [{"text": fake(i["text"], target), "to": target}]} for i in items
        ]

    def _libre(self, request: Recorded) -> tuple[int, Any]:
        payload = request.json if request.body else {k: v[0] for k, v in request.query.items()}
        if self.libre_requires_key and payload.get("api_key") != LIBRE_KEY:
            return 403, {"error": "Invalid API key"}
        target, texts = payload.get("target"), payload.get("q")
        if target not in LANGUAGES:
            return 400, {"error": f"{target} is not supported"}
        if isinstance(texts, list):
            if not self.libre_accepts_lists:
                return 400, {"error": "Invalid request: 'q' must be a string"}
            return 200, {"translatedText": [fake(text, target) for text in texts]}
        return 200, {"translatedText": fake(texts, target)}

    @staticmethod
    def _deepl(request: Recorded) -> tuple[int, Any]:
        if request.headers.get("authorization") != f"DeepL-Auth-Key {DEEPL_KEY}":
            return 403, {"message": "Wrong auth key"}
        payload = request.json
        target = payload["target_lang"]
        if target.split("-")[0].lower() not in LANGUAGES:
            return 400, {"message": "Value for 'target_lang' not supported."}
        translations = [
            {
                "detected_source_language": payload.get("source_lang", "ES"),
                "text": fake(text, target),
                "billed_characters": len(text),
            }
            for text in payload["text"]
        ]
        return 200, {"translations": translations}


def fake(text: str, target: str) -> str:
    """The loopback's "translation": recognisable, deterministic, placeholder-safe."""
    return f"[{target.lower()}] {text}"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # Keep-alive, so connection reuse is observable.

    def do_GET(self) -> None:
        self.server.app.handle(self)  # type: ignore[attr-defined]

    do_POST = do_GET

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _send(handler: _Handler, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
    if isinstance(body, dict | list):
        data, content_type = json.dumps(body).encode(), "application/json"
    else:
        data, content_type = str(body).encode(), "text/html; charset=utf-8"
    try:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(data)
    except (BrokenPipeError, ConnectionResetError):
        pass  # The client gave up (a timeout test); nothing to answer.


@pytest.fixture(scope="session")
def _loopback_server() -> Iterator[LoopbackProviders]:
    server = LoopbackProviders()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def loopback(_loopback_server: LoopbackProviders) -> Iterator[LoopbackProviders]:
    _loopback_server.reset()
    yield _loopback_server
    _loopback_server.reset()


@pytest.fixture(scope="session")
def apertium_executable() -> str:
    """Apertium is a real dependency of these tests: missing, they fail, not skip."""
    executable = shutil.which("apertium")
    if executable is None:
        pytest.fail(
            "The apertium executable is not on PATH. Install it with "
            "`apt-get install apertium apertium-eng-spa apertium-fr-es`.",
            pytrace=False,
        )
    return executable
