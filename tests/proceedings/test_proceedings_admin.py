"""The proceedings' editor in the Wagtail admin speaks the organizer's language: its fields,
the synthesis blocks and the page type's name."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils.html import escape
from wagtail.rich_text import RichText

from members.profiles import get_profile
from proceedings.models import ProceedingsPage
from taxonomy.models import Theme

pytestmark = pytest.mark.django_db

# The screen's labels in each language: fields (server-rendered), then the blocks' (in the
# StreamField's JSON definition).
LABELS = {
    "es": {
        "fields": ["Síntesis por tema", "Conclusiones", "Incluir las reflexiones sobre"],
        "blocks": ["Síntesis de un tema", "Síntesis"],
        "type": "Actas",
    },
    "fr": {
        "fields": ["Synthèses par thème", "Inclure les réflexions sur les politiques"],
        "blocks": ["Synthèse d’un thème", "Synthèse"],
        "type": "Actes",
    },
}


@pytest.fixture
def proceedings(course, organizer):
    theme = Theme.objects.create(name="Access to capital", slug="access-to-capital")
    page = ProceedingsPage(
        title="Synthesis and proceedings",
        slug="proceedings",
        language_written="en",
        syntheses=[("theme", {"theme": theme, "synthesis": RichText("<p>Credit.</p>")})],
    )
    course.add_child(instance=page)
    page.save_revision(user=organizer).publish(user=organizer)
    return page


def in_json(text: str) -> str:
    """How `text` reads inside the admin's HTML-escaped JSON block definitions."""
    return escape(json.dumps(text)[1:-1])


@pytest.mark.parametrize("language", ["es", "fr"])
def test_the_proceedings_editor_is_in_the_organizers_language(
    client, organizer, proceedings, compiled_catalogs, language
):
    profile = get_profile(organizer)
    profile.preferred_language = language
    profile.save()
    client.force_login(organizer)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[proceedings.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    labels = LABELS[language]
    for label in labels["fields"]:
        assert label in html
    for label in labels["blocks"]:
        assert in_json(label) in html or escape(label) in html
    assert "Syntheses by theme" not in html
    assert "Synthesis of a theme" not in html
    assert f"{labels['type']}" in html
