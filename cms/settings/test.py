"""Test settings: the database and broker come from the environment (PostgreSQL and Redis in CI)."""

from __future__ import annotations

import os
from pathlib import Path


def _apart_per_xdist_process() -> None:
    """Under pytest-xdist (./dev test runs one process a core) each process is a run of its
    own: its var folder and its Redis databases (the configured ones shifted by two per
    process) apart, so that one process's worker never consumes another's messages. Set in
    the environment before the base settings read it, so that the workers and servers a test
    starts (which inherit it) agree, and do not shift again. PostgreSQL: pytest-django
    names each process's test database itself."""
    name = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not name.startswith("gw") or os.environ.get("PUENTES_XDIST_APART"):
        return
    process = int(name[2:])
    base_var = os.environ.get("PUENTES_VAR_DIR") or str(Path(__file__).resolve().parents[2] / "var")
    os.environ["PUENTES_VAR_DIR"] = str(Path(base_var) / name)
    for variable in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):
        scheme, _, rest = os.environ.get(variable, "").partition("://")
        host, _, database = rest.rpartition("/")
        if scheme in {"redis", "rediss"} and database.isdigit():
            os.environ[variable] = f"{scheme}://{host}/{int(database) + 2 * process}"
    os.environ["PUENTES_XDIST_APART"] = "1"


_apart_per_xdist_process()

from .base import *  # noqa: E402, F403
from .base import CELERY_RESULT_BACKEND  # noqa: E402  (named, so type checkers see it)

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Names this run's database file and broker folder: the process id, unless a run spans
# processes (the benchmark's worker) and names itself.
_run = os.environ.get("PUENTES_TEST_RUN") or str(os.getpid())

# The embedded broker of the tests lives apart from the developer's running worker.
if CELERY_BROKER_URL.startswith("filesystem://"):  # noqa: F405
    # One per test run: runs side by side must not consume each other's messages.
    _test_celery_dir = VAR_DIR / f"test-celery-{_run}"  # noqa: F405
    CELERY_BROKER_TRANSPORT_OPTIONS = filesystem_broker_options(_test_celery_dir)  # noqa: F405
    if CELERY_RESULT_BACKEND.startswith("file://"):
        CELERY_RESULT_BACKEND = f"file://{_test_celery_dir / 'results'}"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not SQLite's shared-cache memory database: with a worker thread writing while
    # the test reads, shared-cache locks fail at once instead of waiting out the timeout.
    # One per test run, so that runs side by side never share it.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(VAR_DIR / f"test-db-{_run}.sqlite3")  # noqa: F405
    }
