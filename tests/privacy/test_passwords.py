"""Passwords people choose, and the key production signs sessions with, are strong enough."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """allauth counts sign-ups and sign-ins in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def sign_up(client, password: str):
    return client.post(
        reverse("account_signup"),
        {
            "email": "marta@example.org",
            "username": "marta",
            "password1": password,
            "password2": password,
            "display_name": "Marta Q.",
            "preferred_language": "es",
            "organisation": "Coop Andina",
            "region": "Perú",
        },
    )


def refused(password: str) -> bool:
    try:
        validate_password(password)
    except ValidationError:
        return True
    return False


def test_the_demos_shared_password_is_refused_at_sign_up(client):
    response = sign_up(client, DEMO_PASSWORD)

    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert not get_user_model().objects.filter(username="marta").exists()


@pytest.mark.parametrize(
    "password", ["puentes-demo", "Puentes2024!!!", "demo_PUENTES_demo", "password-puente"]
)
def test_the_sites_name_with_a_common_word_or_a_number_is_refused(password):
    assert refused(password)


def test_a_password_shorter_than_twelve_characters_is_refused():
    assert refused("tejido-rojo")


@pytest.mark.parametrize(
    "password", ["un-puente-largo-42", "cooperativas cafetaleras de Cusco", "correct-horse-battery"]
)
def test_a_long_passphrase_of_ones_own_is_accepted(password):
    assert not refused(password)


def test_a_strong_password_signs_up(client):
    sign_up(client, "cooperativas cafetaleras de Cusco")

    assert get_user_model().objects.filter(username="marta").exists()


def test_the_demo_loads_and_its_logins_sign_in_with_the_shared_password(demo_cohort, client):
    response = client.post(
        reverse("account_login"), {"login": "participant-es", "password": DEMO_PASSWORD}
    )

    assert response.status_code == 302
    assert "_auth_user_id" in client.session


# ---------------------------------------------------------------------------
# Production's SECRET_KEY
# ---------------------------------------------------------------------------
def start_production(secret_key: str, tmp_path) -> subprocess.CompletedProcess:
    """`manage.py check` with production settings, as a server starts: a new process."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "puentes.example.org",
        "WAGTAILADMIN_BASE_URL": "https://puentes.example.org",
        "REDIS_URL": "redis://127.0.0.1:6379/2",
        "PUENTES_VAR_DIR": str(tmp_path),
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "secret_key",
    ["a" * 60, "abcdeabcde" * 6, "django-insecure-" + secrets.token_urlsafe(50)],
    ids=["one-letter", "five-letters-repeated", "startproject-dev-key"],
)
def test_production_refuses_to_start_with_a_guessable_secret_key(secret_key, tmp_path):
    started = start_production(secret_key, tmp_path)

    assert started.returncode != 0
    assert "SECRET_KEY" in started.stderr
    assert "distinct characters" in started.stderr or "django-insecure-" in started.stderr


@pytest.mark.parametrize(
    "secret_key",
    [secrets.token_urlsafe(50), secrets.token_hex(32)],
    ids=["token-urlsafe", "openssl-rand-hex"],
)
def test_production_starts_with_a_random_secret_key(secret_key, tmp_path):
    started = start_production(secret_key, tmp_path)

    assert started.returncode == 0, started.stderr
