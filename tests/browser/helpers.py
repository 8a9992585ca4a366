"""What the browser tests do as people would: sign in, switch language, look, check."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from django.conf import settings
from django.shortcuts import resolve_url

AXE = Path(settings.BASE_DIR, "node_modules", "axe-core", "axe.min.js")
AXE_PATH = "/__axe-core.js"  # answered by Playwright, never reaches the server
SCREENSHOTS = Path(settings.BASE_DIR, "test-artifacts", "screenshots")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
DEMO_PASSWORD = "puentes-demo"


@dataclass
class DemoSite:
    url: str

    def __call__(self, path: str) -> str:
        return self.url + path


def wait_for_translations(timeout: float = 90) -> None:
    """Until the worker has translated every post and page text (Apertium: seconds)."""
    from translations.models import PostTranslation, TextTranslation

    deadline = time.monotonic() + timeout
    while (
        PostTranslation.objects.filter(status=PostTranslation.Status.PENDING).exists()
        or TextTranslation.objects.filter(status=TextTranslation.Status.PENDING).exists()
    ):
        assert time.monotonic() < deadline, "the worker left translations pending"
        time.sleep(0.5)


def sign_in(page, site: DemoSite, username: str) -> None:
    """Through the site's own sign-in page (settings.LOGIN_URL), whichever form it shows."""
    page.goto(site(resolve_url(settings.LOGIN_URL)))
    form = page.locator("main form:has(input[type=password])")
    form.locator("input[name=login], input[name=username]").first.fill(username)
    form.locator("input[type=password]").first.fill(DEMO_PASSWORD)
    with page.expect_navigation():
        form.locator("[type=submit]").first.click()
    assert page.locator("form:has(input[type=password])").count() == 0, (
        f"{username} could not sign in: {page.url}"
    )


def switch_language(page, label: str) -> None:
    """With the header's switcher, as a person would (label: the language's own name)."""
    switcher = page.locator("form.language-switcher")
    switcher.locator("select").select_option(label=label)
    with page.expect_navigation():
        switcher.locator("[type=submit]").click()


def screenshot(page, name: str) -> None:
    """The page at phone and desktop widths, into test-artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(viewport)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def serious_accessibility_violations(page) -> list[dict]:
    """axe-core's violations of impact serious or critical on the page as it is now."""
    return accessibility_violations(page, impacts=("serious", "critical"))


def accessibility_violations(
    page, impacts: tuple[str, ...] = ("moderate", "serious", "critical")
) -> list[dict]:
    """axe-core's violations of the given impacts (moderate or worse unless told).

    axe comes in as a script of the site's own origin (Playwright answers its URL): the
    Content-Security-Policy refuses the inline script that `add_script_tag(path=…)` writes.
    """
    assert AXE.exists(), f"{AXE} is missing: `./dev test` runs `npm ci`"
    axe_url = urljoin(page.url, AXE_PATH)
    page.route(axe_url, lambda route: route.fulfill(path=AXE, content_type="text/javascript"))
    page.add_script_tag(url=axe_url)
    page.unroute(axe_url)
    violations = page.evaluate(
        """async () => {
          const results = await axe.run(document, {resultTypes: ["violations"]});
          return results.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
          }));
        }"""
    )
    return [v for v in violations if v["impact"] in impacts]


def watch_policy_violations(page) -> list[str]:
    """The Content-Security-Policy violations Chromium reports in the page's console, from
    now on (the list fills as the page goes)."""
    reported: list[str] = []

    def keep(message) -> None:
        if "Content Security Policy" in message.text:
            reported.append(f"{page.url}: {message.text}")

    page.on("console", keep)
    return reported


def describe(violations: object) -> str:
    return json.dumps(violations, indent=2, ensure_ascii=False)


def why_not_saved(page, response) -> dict:
    """What a form page says after a POST that saved nothing: the answer's status, where the
    page is, every error and message it shows (field errors, hidden attachment errors too),
    and the values the form holds; the page's HTML goes to test-artifacts/ for reading."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    html = SCREENSHOTS.parent / f"refused-{time.time_ns()}.html"
    html.write_text(page.content())
    errors = ".errorlist, .alert, .invalid-feedback, .text-danger, .error, .messages li"
    fields = page.locator("form.form").first.evaluate(
        "form => Array.from(new FormData(form).entries())"
        ".filter(([name]) => name !== 'csrfmiddlewaretoken')"
        ".map(([name, value]) => [name, String(value).slice(0, 80)])"
    )
    return {
        "status": response.status,
        "url": page.url,
        "errors": page.locator(errors).all_inner_texts(),
        "fields": fields,
        "html": str(html),
    }
