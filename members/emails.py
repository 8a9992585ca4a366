"""Links in emails: absolute, on the site's configured address (``WAGTAILADMIN_BASE_URL``).

An email is read away from the request that sent it (and a task sends some with no request
at all), so its links never take their host from a request, which behind a proxy or in
development is ``localhost``. Production settings require the address (cms/settings).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings


def base_url() -> str:
    """The site's address, without a trailing slash."""
    return str(settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def site_url(location: str) -> str:
    """``location`` (a path, or a URL on any host) as a URL on the site's address."""
    bits = urlsplit(location)
    base = urlsplit(base_url())
    path = base.path.rstrip("/") + "/" + bits.path.lstrip("/")
    return urlunsplit((base.scheme, base.netloc, path, bits.query, bits.fragment))


@dataclass(frozen=True)
class ConfiguredSite:
    """What allauth's templates read of ``current_site``, from the configured address."""

    name: str
    domain: str


def configured_site() -> ConfiguredSite:
    return ConfiguredSite(name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(base_url()).netloc)


def links_on_site(context: dict) -> dict:
    """An email's context with every ``*_url`` value moved to the site's address and
    ``current_site`` naming it (allauth builds its links from the request)."""
    moved = {
        key: site_url(value) if key.endswith("_url") and isinstance(value, str) else value
        for key, value in context.items()
    }
    moved["current_site"] = configured_site()
    return moved
