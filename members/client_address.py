"""The address a request comes from, behind the site's own proxies only.

allauth limits sign-ins per client address (ACCOUNT_RATE_LIMITS). Behind a TLS proxy every
request's REMOTE_ADDR is the proxy's, so the proxy's header names the client; but a header
is only as trustworthy as whoever sent it: it is read when the request comes from one of
PUENTES_TRUSTED_PROXIES, and ignored from anyone else (someone reaching gunicorn directly
could otherwise pick a new address for every guess).
"""

from __future__ import annotations

import ipaddress
from functools import cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _address(value: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def is_trusted_proxy(address: str | None) -> bool:
    parsed = _address(address)
    if parsed is None:
        return False
    networks = _networks(tuple(settings.PUENTES_TRUSTED_PROXIES))
    return any(ipaddress.ip_address(parsed) in network for network in networks)


def client_address(request: HttpRequest) -> str | None:
    """The client's address: the proxy's header when a trusted proxy sent the request
    (``ALLAUTH_TRUSTED_CLIENT_IP_HEADER``, else the ``ALLAUTH_TRUSTED_PROXY_COUNT``-th
    address of X-Forwarded-For from the right), else the connection's own address."""
    remote = request.META.get("REMOTE_ADDR")
    if not is_trusted_proxy(remote):
        return _address(remote)
    header = settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER
    if header:
        return _address(request.headers.get(header)) or _address(remote)
    forwarded = [hop for hop in request.headers.get("X-Forwarded-For", "").split(",") if hop]
    count = max(1, settings.ALLAUTH_TRUSTED_PROXY_COUNT)
    if len(forwarded) < count:
        return _address(remote)
    return _address(forwarded[-count]) or _address(remote)
