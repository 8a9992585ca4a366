"""Members with directory profiles, for the directory's tests."""

from __future__ import annotations

from members.models import Profile
from members.profiles import get_profile
from taxonomy.models import Region, Theme
from tests.factories import UserFactory


def profiled(username: str, *, visibility: str = "members", themes=(), **fields) -> Profile:
    """A member whose profile holds `fields` (display name: `username` capitalised)."""
    user = UserFactory(username=username)
    profile = get_profile(user)
    profile.display_name = fields.pop("display_name", username.capitalize())
    profile.visibility = visibility
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.save()
    if themes:
        profile.themes.set(themes)
    return profile


def vocabulary() -> dict[str, Region | Theme]:
    canada = Region.objects.create(slug="canada", name="Canada", language_written="en")
    return {
        "canada": canada,
        "quebec": Region.objects.create(
            slug="quebec", name="Québec", language_written="fr", parent=canada
        ),
        "bolivia": Region.objects.create(slug="bolivia", name="Bolivia", language_written="es"),
        "finance": Theme.objects.create(slug="finance", name="Social finance"),
        "procurement": Theme.objects.create(slug="procurement", name="Public procurement"),
    }
