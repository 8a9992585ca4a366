"""End-to-end tests in Debian's Chromium, driven by Playwright, against a live server.

The live server (pytest-django's, a thread of this process) and the Celery worker (a thread
too) share the test database, so these tests use `transactional_db`: each thread sees
only committed rows; serialized rollback gives each test back the data of the migrations
(the Wagtail site and home page) that the flush after a transactional test removes.
Playwright's sync API runs an event loop in the test's thread, which
Django would take for async code: DJANGO_ALLOW_ASYNC_UNSAFE lifts that check while the
test's browser runs, and only then.
Never `playwright install`: the browser is the system's (`PUENTES_CHROMIUM`).
"""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections

from tests.browser.helpers import DESKTOP, DemoSite, wait_for_translations
from tests.demo.snapshot import demo_state

CHROMIUM = os.environ.get("PUENTES_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture
def browser(transactional_db):
    """Chromium for one test, started after the database is ready and stopped before it is
    flushed: while Playwright's loop runs, Django (asgiref) hands this thread other
    connection objects than the ones the test database was set up on."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: `./dev test` installs chromium"
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
            # The connections this thread opened while the loop ran, before they are lost.
            connections.close_all()
    finally:
        if before is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture
def new_page(browser):
    """Pages with their own cookies (one person each), closed after the test."""
    contexts = []

    def make(viewport: dict | None = None):
        context = browser.new_context(viewport=viewport or DESKTOP)
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def demo_site(
    django_db_serialized_rollback, transactional_db, live_server, celery_worker, compiled_catalogs
) -> DemoSite:
    """The README's demo cohort on a live server, its posts translated by the real worker.

    Loaded and translated by the first test of a process, put back from a copy of its rows
    for the next ones (tests/demo/snapshot.py)."""
    demo_state("translated demo", load_translated_demo)
    return DemoSite(live_server.url)


def load_translated_demo() -> str:
    call_command("load_demo", stdout=io.StringIO())
    call_command("translate_site_texts", stdout=io.StringIO())  # as `./dev run` does
    wait_for_translations()
    wait_for_idle_worker()
    return ""


def wait_for_idle_worker(timeout: float = 60) -> None:
    """Until the worker (a thread of this process) holds no task and its queues are empty:
    the copy of the demo is taken then, with nothing left in flight for it."""
    from celery.worker import state

    from cms.celery import app

    queues = [settings.CELERY_TASK_DEFAULT_QUEUE, "translations"]
    deadline = time.monotonic() + timeout
    quiet = 0
    while quiet < 2:
        assert time.monotonic() < deadline, "the worker did not settle"
        with app.connection_for_read() as broker:
            waiting = sum(queue_size(broker.default_channel, name) for name in queues)
        busy = waiting or state.active_requests or state.reserved_requests
        quiet = 0 if busy else quiet + 1
        time.sleep(0.1)


def queue_size(channel, name: str) -> int:
    try:
        return channel.queue_declare(queue=name, passive=True).message_count
    except Exception:  # a queue nobody has sent to yet: the broker does not know it
        return 0
