"""The demo's proceedings: a published page under week 6, compiled from the demo's harvest."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from courses.models import WeekPage
from proceedings.compile import compile_proceedings
from proceedings.models import ProceedingsPage

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_proceedings_under_week_6_once(demo_cohort):
    call_command("load_demo", stdout=StringIO())

    page = ProceedingsPage.objects.get()
    week = page.get_parent().specific
    assert isinstance(week, WeekPage)
    assert week.number == 6
    assert page.live
    assert len(page.syntheses) == 4
    assert page.introduction
    assert page.conclusions


def test_the_demo_proceedings_quote_the_harvest_in_each_language(demo_cohort, client):
    page = ProceedingsPage.objects.get()

    for language in ("es", "fr", "en"):
        proceedings = compile_proceedings(page.course(), language=language, page=page)
        assert proceedings.quotes
        assert [chapter.theme.slug for chapter in proceedings.chapters[:4]] == [
            "legislation",
            "access-to-capital",
            "public-procurement",
            "co-construction",
        ]
    response = client.get(page.url)
    assert response.status_code == 200
