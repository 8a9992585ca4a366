"""The one family of errors every translation engine raises.

Callers (the Celery task above all) only need to decide *retry later* or *give up*, so
provider-specific exceptions are mapped into these two at the engine boundary.
"""

from __future__ import annotations


class TranslationError(Exception):
    """Base class: anything that stopped a text from being translated."""


class TransientTranslationError(TranslationError):
    """Worth retrying later: timeouts, connection failures, 5xx answers, rate limits.

    ``retry_after`` carries the provider's own hint (seconds), when it gave one, so the
    task can wait at least that long instead of guessing.
    """

    def __init__(self, message: str = "", *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PermanentTranslationError(TranslationError):
    """Retrying cannot help: bad credentials, unsupported language pair, rejected payload."""


def error_for_status(
    status: int, message: str = "", *, retry_after: float | None = None
) -> TranslationError:
    """Classify an HTTP status the way every provider's API uses it."""
    text = f"HTTP {status}: {message}" if message else f"HTTP {status}"
    if status in (408, 425, 429) or status >= 500:
        return TransientTranslationError(text, retry_after=retry_after)
    return PermanentTranslationError(text)
