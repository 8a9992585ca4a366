"""bench/load.py's clients: members with their own session, and the figures they collect.

Each member talks to gunicorn as the TLS proxy would: ``X-Forwarded-Proto: https`` and
``X-Forwarded-For`` with an address of their own (the site trusts 127.0.0.1 as its proxy),
so the production settings' secure cookies and CSRF origin checks hold, and allauth's
sign-in limits count each member apart. Cookies are kept by hand: they are ``Secure``, and
requests would not send them over the plain HTTP of the loopback.
"""

from __future__ import annotations

import math
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from urllib.parse import urlsplit

import requests

PASSWORD = "puentes-demo"  # noqa: S105 -- cms.demo.DEMO_PASSWORD, without importing Django


class Results:
    """Latencies and errors by page type, from every thread.

    With `warm_up` set, a request that started before `counted_from` (a `time.monotonic()`)
    is the warm-up's: added there, not here."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counted_from = 0.0
        self.warm_up: Results | None = None
        self.reset()

    def reset(self) -> None:
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.samples: dict[str, str] = {}

    def add(self, kind: str, seconds: float, error: str = "") -> None:
        if self.warm_up is not None and time.monotonic() - seconds < self.counted_from:
            self.warm_up.add(kind, seconds, error)
            return
        with self.lock:
            self.times[kind].append(seconds)
            if error:
                self.errors[kind] += 1
                self.samples.setdefault(kind, error)

    @staticmethod
    def percentile(values: list[float], share: float) -> float:
        ordered = sorted(values)
        return ordered[max(0, math.ceil(share / 100 * len(ordered)) - 1)]

    def summary(self, seconds: float) -> str:
        """One line: requests, errors and every page's p50 and p95 together."""
        values = [value for kind in self.times for value in self.times[kind]]
        total, errors = len(values), sum(self.errors.values())
        if not values:
            return "no request"
        p50, p95 = (self.percentile(values, q) * 1000 for q in (50, 95))
        return (
            f"{total} requests ({total / seconds:.1f}/s), {errors} errors, "
            f"all pages p50 {p50:.0f} ms, p95 {p95:.0f} ms"
        )

    def report(self, seconds: float) -> None:
        total = sum(len(v) for v in self.times.values())
        errors = sum(self.errors.values())
        print(f"{total} requests ({total / seconds:.1f}/s), {errors} errors")
        print(f"  {'page':<14}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
        for kind in sorted(self.times):
            values = self.times[kind]
            p50, p95, p99 = (self.percentile(values, q) * 1000 for q in (50, 95, 99))
            print(
                f"  {kind:<14}{len(values):>9}{self.errors[kind]:>8}"
                f"{p50:>9.0f}{p95:>9.0f}{p99:>9.0f}"
            )
        for kind, sample in self.samples.items():
            print(f"  first error ({kind}): {sample}")


class Member:
    def __init__(self, base: str, address: str) -> None:
        self.base = base
        self.origin = "https://" + urlsplit(base).netloc
        self.session = requests.Session()
        self.session.trust_env = False
        self.session.headers.update(self.proxy_headers(address))
        self.cookies: dict[str, str] = {}

    @staticmethod
    def proxy_headers(address: str) -> dict[str, str]:
        return {"X-Forwarded-Proto": "https", "X-Forwarded-For": address}

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = kwargs.pop("headers", {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        answer = self.session.request(
            method, self.base + path, headers=headers, allow_redirects=False, timeout=60, **kwargs
        )
        for cookie in answer.cookies:
            if cookie.value is None or cookie.expires is not None and cookie.expires < time.time():
                self.cookies.pop(cookie.name, None)
            else:
                self.cookies[cookie.name] = cookie.value
        self.session.cookies.clear()
        return answer

    def get(self, path: str, *, kind: str, results: Results) -> requests.Response | None:
        started = time.perf_counter()
        try:
            answer = self.request("GET", path)
        except requests.RequestException as error:
            results.add(kind, time.perf_counter() - started, f"{path}: {error}")
            return None
        problem = "" if answer.status_code == 200 else f"{path}: HTTP {answer.status_code}"
        results.add(kind, time.perf_counter() - started, problem)
        return answer

    def post(self, path: str, data: dict, *, kind: str, results: Results) -> requests.Response:
        headers = {"Referer": self.origin + path, "Origin": self.origin}
        started = time.perf_counter()
        answer = self.request("POST", path, data=data, headers=headers)
        problem = "" if answer.status_code == 302 else f"{path}: HTTP {answer.status_code}"
        if problem and answer.status_code == 200:
            problem += " (the form came back: " + form_errors(answer.text) + ")"
        results.add(kind, time.perf_counter() - started, problem)
        return answer


class FormFields(HTMLParser):
    """The fields a browser would send with a form, as the page fills them."""

    def __init__(self, form_id: str | None = None) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self.select: str | None = None
        self.multiple = False
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file"):
                self.fields[name] = a.get("value") or ("on" if kind == "checkbox" else "")
        elif tag == "select" and name:
            self.select = name
            self.multiple = "multiple" in a
        elif tag == "option" and self.select:
            # A single choice sends its first option unless another is selected; a multiple
            # choice sends only those selected (none, as a browser does, if none is).
            first = self.select not in self.fields and not self.multiple
            if first or "selected" in a:
                self.fields[self.select] = a.get("value", "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.fields[self.textarea] += data


def form_fields(html: str) -> dict[str, str]:
    parser = FormFields()
    parser.feed(html)
    return parser.fields


def form_errors(html: str) -> str:
    start = html.find("invalid-feedback")
    start = start if start >= 0 else html.find("alert-danger")
    return " ".join(html[start : start + 300].split()) if start >= 0 else "no error shown"


def sign_in(base: str, usernames: list[str], results: Results, first_address: int = 1):
    """Members signed in through allauth's form, eight at a time."""

    def one(index_name: tuple[int, str]) -> Member:
        index, username = index_name
        number = first_address + index
        member = Member(base, f"10.0.{number // 250}.{number % 250 + 1}")
        page = member.get("/accounts/login/", kind="sign-in form", results=results)
        fields = form_fields(page.text if page is not None else "")
        token = fields.get("csrfmiddlewaretoken", "")
        answer = member.post(
            "/accounts/login/",
            {"csrfmiddlewaretoken": token, "login": username, "password": PASSWORD},
            kind="sign in",
            results=results,
        )
        if answer.status_code != 302:
            raise RuntimeError(f"{username} could not sign in: HTTP {answer.status_code}")
        return member

    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(one, enumerate(usernames)))


def fill_reply(member: Member, url: str, *, subject: str, content: str, results: Results) -> None:
    page = member.get(url, kind="reply form", results=results)
    if page is None or page.status_code != 200:
        return
    fields = form_fields(page.text)
    fields.pop("q", None)  # the header's search box
    fields.update({"subject": subject, "content": content, "language": "es"})
    member.post(url, fields, kind="reply (POST)", results=results)
