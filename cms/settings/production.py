"""Production: every secret from the environment; a missing one stops the start, loudly."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool


def require_env(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} is required in production.")
    return value


NEW_KEY = "Make a new one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"


def require_secret_key(name: str = "SECRET_KEY") -> str:
    """A key that signs sessions and password-reset links must not be guessable: Django's
    own deployment check (security.W009) asks for 50 characters and 5 distinct ones; we
    ask for 10 distinct (a hex key has 16) and refuse startproject's `django-insecure-`."""
    value = require_env(name)
    if value.startswith("django-insecure-"):
        raise ImproperlyConfigured(
            f"{name} starts with 'django-insecure-': it was made for development. " + NEW_KEY
        )
    if len(value) < 50 or len(set(value)) < 10:
        raise ImproperlyConfigured(
            f"{name} must be at least 50 characters long, with at least 10 distinct "
            f"characters (this one has {len(value)} characters, {len(set(value))} distinct). "
            + NEW_KEY
        )
    return value


DEBUG = False
SECRET_KEY = require_secret_key()
ALLOWED_HOSTS = [h.strip() for h in require_env("ALLOWED_HOSTS").split(",") if h.strip()]

# ---------------------------------------------------------------------------
# HTTPS behind a proxy
# ---------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = [
    # Wagtail's admin previews pages in a same-origin iframe: DENY would break previews.
    "security.W019",
    # HSTS preload is a commitment every subdomain must keep; the operator opts in with
    # SECURE_HSTS_PRELOAD=true once they can.
    "security.W021",
]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# ---------------------------------------------------------------------------
# One cache for every web process: the sign-in rate limits (allauth keeps its counts in the
# cache) must hold across gunicorn's workers and hosts, not once per process.
# ---------------------------------------------------------------------------
CACHES["default"] = {  # noqa: F405
    "BACKEND": "cms.redis_cache.RedisCache",
    "LOCATION": require_env("REDIS_URL"),
}
# Rendered post blocks and topic pages' lists of posts (forum/post_fragments.py): each
# process's memory in front of Redis, so what one gunicorn worker rendered serves the others
# (cms/tiered_cache.py).
CACHES["fragments"] = {  # noqa: F405
    "BACKEND": "cms.tiered_cache.TieredCache",
    "LOCATION": "puentes-fragments",
    "TIMEOUT": 3600,
    "OPTIONS": {"MAX_ENTRIES": 10_000, "SHARED": "default"},
}
CACHES["post_lists"] = {  # noqa: F405
    "BACKEND": "cms.tiered_cache.TieredCache",
    "LOCATION": "puentes-post-lists",
    "TIMEOUT": 3600,
    "OPTIONS": {"MAX_ENTRIES": 1_000, "SHARED": "default"},
}
# What a request renders for the first time reaches Redis in one round trip at its end.
MIDDLEWARE = [*MIDDLEWARE, "cms.tiered_cache.SharedWritesMiddleware"]  # noqa: F405
# Sessions read from that cache and written through to the database: a query less on every
# request. The cache is shared by every process, so a sign-out holds everywhere at once
# (with a cache per process, as on the embedded default, it would not: the default stays).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
WAGTAILADMIN_BASE_URL = require_env("WAGTAILADMIN_BASE_URL")
