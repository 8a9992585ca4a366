"""An email's subject and items join a headline and the title it quotes as the reader's
language does: French with a space before the colon."""

from __future__ import annotations

from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils import translation

from notifications.emails import subject_line

HEADLINE = "Ana a publié une étude de cas dans votre cours"
TITLE = "Le Chantier de l'économie sociale"


def test_a_french_subject_puts_a_space_before_the_colon():
    with translation.override("fr"):
        assert subject_line(HEADLINE, TITLE) == f"[Puentes] {HEADLINE} : {TITLE}"


def test_english_and_spanish_subjects_do_not():
    for language in ("en", "es"):
        with translation.override(language):
            assert subject_line("Ana replied", "Crédito") == "[Puentes] Ana replied: Crédito"


def test_a_subject_without_a_title_is_the_headline_alone():
    with translation.override("fr"):
        assert subject_line(HEADLINE, "") == f"[Puentes] {HEADLINE}"


def test_a_french_digest_item_joins_them_the_same_way():
    item = SimpleNamespace(headline=HEADLINE, title=TITLE, excerpt=None, url="https://x.org/p/")
    with translation.override("fr"):
        text = render_to_string("notifications/email/_item.txt", {"item": item})
    assert text.startswith(f"{HEADLINE} : {TITLE}\n"), text
