"""The Content-Security-Policy header: django-csp's, strict on the site, relaxed in the admins.

Wagtail's and Django's admins cannot run without inline scripts yet; rather than loosen the
site's policy for them, the allowances of `CONTENT_SECURITY_POLICY_ADMIN` are added to
responses under its URL prefixes only. Everywhere else the settings' policy applies as is.
"""

from __future__ import annotations

from typing import Any

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


def admin_policy() -> dict[str, Any]:
    policy: dict[str, Any] = settings.CONTENT_SECURITY_POLICY_ADMIN
    return policy


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(admin_policy()["URL_PREFIXES"]))


def sources(value: Any) -> list[Any]:
    """A directive's sources as a list (django-csp also takes one source as a string)."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def merged(first: dict[str, Any] | None, second: dict[str, Any]) -> dict[str, Any]:
    """Two `csp_update` dicts as one: the sources of both, per directive."""
    result = {key: sources(value) for key, value in (first or {}).items()}
    for key, value in second.items():
        result[key] = [*result.get(key, []), *sources(value)]
    return result


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and is_admin_path(request.path_info):
            parts.update = merged(parts.update, admin_policy()["UPDATE"])
        return parts
