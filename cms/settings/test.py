"""Test settings: the database and broker come from the environment (PostgreSQL and Redis in CI)."""

from __future__ import annotations

import os

from .base import *  # noqa: F403
from .base import CELERY_RESULT_BACKEND  # named, so type checkers see it before it is replaced

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
