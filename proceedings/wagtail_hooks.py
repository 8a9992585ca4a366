"""The proceedings in the Wagtail admin (Wagtail discovers this module only)."""

from __future__ import annotations

# Organizers' "Exports" menu item (proceedings/export_hooks.py).
from . import export_hooks  # noqa: F401
