from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_with_production_settings(extra_env: dict[str, str], *args: str):
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update({"DJANGO_SETTINGS_MODULE": "cms.settings.production", **extra_env})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def printed_by_production(code: str) -> list[str]:
    """The words `code` prints in a shell with production settings and a sane environment."""
    result = run_with_production_settings(
        {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "puentes.example.org",
            "WAGTAILADMIN_BASE_URL": "https://puentes.example.org",
            "REDIS_URL": "redis://127.0.0.1:6379/2",
        },
        "shell",
        "-c",
        code,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-1].split()


def test_production_refuses_to_start_without_secret_key():
    result = run_with_production_settings(
        {"ALLOWED_HOSTS": "puentes.example.org", "WAGTAILADMIN_BASE_URL": "https://x.org"},
        "check",
    )

    assert result.returncode != 0
    assert "SECRET_KEY is required in production" in result.stderr


def test_production_refuses_a_missing_allowed_hosts():
    result = run_with_production_settings(
        {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "WAGTAILADMIN_BASE_URL": "https://x.org",
            "REDIS_URL": "redis://127.0.0.1:6379/2",
        },
        "check",
    )

    assert result.returncode != 0
    assert "ALLOWED_HOSTS is required" in result.stderr


def test_production_deploy_check_passes_with_sane_environment():
    result = run_with_production_settings(
        {
            "SECRET_KEY": "a-long-random-production-secret-" + "x7Qz" * 10,
            "ALLOWED_HOSTS": "puentes.example.org",
            "WAGTAILADMIN_BASE_URL": "https://puentes.example.org",
            "REDIS_URL": "redis://127.0.0.1:6379/2",
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )

    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_a_shared_cache():
    """Sign-in rate limits live in the cache: one per process would multiply them."""
    result = run_with_production_settings(
        {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "puentes.example.org",
            "WAGTAILADMIN_BASE_URL": "https://puentes.example.org",
        },
        "check",
    )

    assert result.returncode != 0
    assert "REDIS_URL is required in production" in result.stderr


def test_production_reads_sessions_from_the_shared_cache():
    """A query less on every request; shared by every process, a sign-out holds at once."""
    assert printed_by_production(
        "from django.conf import settings; print(settings.SESSION_ENGINE, "
        "settings.CACHES['default']['BACKEND'])"
    ) == [
        "django.contrib.sessions.backends.cached_db",
        "cms.redis_cache.RedisCache",
    ]
