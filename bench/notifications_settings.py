"""bench/notifications.py's settings: the test settings, sending by SMTP.

The benchmark and its worker (bench/worker.py) both load this module, so the worker hands
its emails to the benchmark's loopback SMTP server (``EMAIL_HOST``/``EMAIL_PORT`` from the
environment, as in production) instead of the tests' in-memory outbox.
"""

from __future__ import annotations

from cms.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_TIMEOUT = 10
