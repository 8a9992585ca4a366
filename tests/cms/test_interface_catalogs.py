"""The interface in Spanish and French: complete catalogs, machina's own, localized dates."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

CATALOGS = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po"))
# gettext's msgfmt: `./dev` installs it (Debian's gettext) with the rest.
MSGFMT = shutil.which("msgfmt") or "msgfmt"


def test_there_is_a_spanish_and_a_french_catalog():
    assert {path.parts[-3] for path in CATALOGS} == {"es", "fr"}


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda path: path.parts[-3])
def test_every_string_of_the_catalog_is_translated_and_none_is_fuzzy(catalog):
    result = subprocess.run(
        [MSGFMT, "--check", "--statistics", "-o", "/dev/null", str(catalog)],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert "translated message" in result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


@pytest.mark.django_db
@pytest.mark.usefixtures("compiled_catalogs")
@pytest.mark.parametrize(
    ("language", "expected"),
    [("es", "Ir al contenido principal"), ("fr", "Aller au contenu principal")],
)
def test_the_site_layout_speaks_the_chosen_language(client, home_page, language, expected):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    html = client.get("/").content.decode()

    assert f'<html lang="{language}">' in html
    assert expected in html


@pytest.mark.usefixtures("compiled_catalogs")
def test_machinas_own_catalogs_translate_the_forum_strings_we_do_not_override():
    with translation.override("es"):
        assert translation.gettext("Post reply") == "Enviar respuesta"
    with translation.override("fr"):
        assert translation.gettext("Subscribe to topic") != "Subscribe to topic"


@pytest.mark.django_db
@pytest.mark.usefixtures("compiled_catalogs")
@pytest.mark.parametrize(
    ("language", "state", "opens_on"),
    [("es", "Abierta", "2 de marzo de 2026"), ("fr", "Ouverte", "2 mars 2026"),
     ("en", "Open", "March 2, 2026")],
)  # fmt: skip
def test_a_weeks_state_and_dates_follow_the_interface_language(
    client, week, organizer, language, state, opens_on
):
    course = week.get_parent().specific  # a week falls within its course's dates
    course.start_date, course.end_date = dt.date(2026, 3, 1), dt.date(2099, 3, 31)
    course.save()
    week.opens_on, week.closes_on = dt.date(2026, 3, 2), dt.date(2099, 3, 8)
    week.save_revision(user=organizer).publish(user=organizer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    html = client.get(week.url).content.decode()

    assert f">{state}</span>" in html
    assert opens_on in html
