"""Sign-ins are throttled per client behind the site's own proxies, and a header sent by
anyone else is ignored (members/client_address.py, allauth's rate limits)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
PROXY = "10.1.2.3"
THROTTLED = "Too many failed login attempts"


@pytest.fixture
def ana(settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/m/ip"}
    return UserFactory(username="ana")


@pytest.fixture
def behind_proxy(settings):
    settings.PUENTES_TRUSTED_PROXIES = [PROXY]
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def throttled(client, remote: str = PROXY, **headers) -> bool:
    """One wrong password for ana from ``remote``: was it refused as one too many?"""
    answer = client.post(
        LOGIN, {"login": "ana", "password": "not-the-password"}, REMOTE_ADDR=remote, **headers
    )
    assert answer.status_code == 200
    return THROTTLED in answer.content.decode()


def test_two_clients_behind_the_proxy_are_throttled_apart(client, ana, behind_proxy):
    assert not any(throttled(client, HTTP_X_FORWARDED_FOR="203.0.113.5") for _ in range(3))

    assert throttled(client, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert not throttled(client, HTTP_X_FORWARDED_FOR="198.51.100.7")


def test_an_address_the_client_wrote_before_the_proxys_is_ignored(client, ana, behind_proxy):
    # The proxy appends the address it saw to whatever the client sent.
    for forged in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        assert not throttled(client, HTTP_X_FORWARDED_FOR=f"{forged}, 203.0.113.5")

    assert throttled(client, HTTP_X_FORWARDED_FOR="4.4.4.4, 203.0.113.5")


def test_a_header_from_a_client_that_is_not_the_proxy_is_ignored(client, ana, behind_proxy):
    for forged in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        assert not throttled(client, remote="192.0.2.50", HTTP_X_FORWARDED_FOR=forged)

    assert throttled(client, remote="192.0.2.50", HTTP_X_FORWARDED_FOR="5.5.5.5")


def test_without_trusted_proxies_the_header_is_ignored(client, ana, settings):
    settings.PUENTES_TRUSTED_PROXIES = []
    for forged in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        assert not throttled(client, HTTP_X_FORWARDED_FOR=forged)

    assert throttled(client, HTTP_X_FORWARDED_FOR="6.6.6.6")


def test_a_client_address_header_named_by_the_operator_is_read(client, ana, settings):
    settings.PUENTES_TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    assert not any(throttled(client, HTTP_X_REAL_IP="203.0.113.5") for _ in range(3))

    assert throttled(client, HTTP_X_REAL_IP="203.0.113.5")
    assert not throttled(client, HTTP_X_REAL_IP="203.0.113.6")
