"""The proceedings as a PDF, read back with pdftotext: cover, contents with page numbers,
one chapter per theme in order, quotes in the PDF's language attributed as consented, the
original-language notes and the annex of originals; never a post that may not be quoted."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from wagtail.rich_text import RichText

from proceedings.models import ProceedingsPage
from proceedings.pdf import NoExternalFetcher, render_html, render_pdf
from tests.proceedings.compile_world import (
    ANA_ES,
    HIDDEN_ES,
    LEFT_OUT_ES,
    LOUIS_FR,
    NINA_ES,
    PRIVATE_ES,
    SARAH_EN,
    UNAPPROVED_ES,
    build_world,
    translation_of,
)
from translations.texts import translate_due_texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(course, organizer):
    return build_world(course, organizer)


@pytest.fixture
def page(world):
    page = ProceedingsPage(
        title="Synthesis and proceedings",
        slug="proceedings",
        language_written="en",
        introduction="<p>What the cohort learned.</p>",
        syntheses=[
            ("theme", {"theme": world.procurement, "synthesis": RichText("<p>Buy local.</p>")}),
            ("theme", {"theme": world.capital, "synthesis": RichText("<p>Lend local.</p>")}),
        ],
        conclusions="<p>Recognise the sector in law.</p>",
    )
    world.week.add_child(instance=page)
    page.save_revision(user=world.organizer).publish(user=world.organizer)
    translate_due_texts()
    return page


def pdf_text(pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "proceedings.pdf"
        path.write_bytes(pdf)
        result = subprocess.run(  # noqa: S603 -- a fixed program on our own file
            ["/usr/bin/pdftotext", "-layout", str(path), "-"],
            capture_output=True,
            check=True,
            text=True,
        )
    return result.stdout


def flat(text: str) -> str:
    """pdftotext's lines joined: a sentence may wrap."""
    return " ".join(text.split())


@pytest.fixture
def french(page):
    return pdf_text(render_pdf(page, language="fr"))


def test_the_pdf_opens_with_a_cover_naming_the_course_and_language(world, french):
    cover = french.split("\f")[0]

    assert "Actes" in cover
    assert "Synthesis and proceedings" in flat(cover) or "Synthèse" in flat(cover)
    assert "Français" in cover or "français" in cover
    assert str(world.course.start_date.year) in cover


def test_the_contents_list_every_chapter_with_its_page_number(world, french):
    contents = french.split("\f")[1]

    assert "Sommaire" in contents
    for name in ("1. Marchés publics", "2. Accès au capital", "Annexe"):
        line = next(line for line in contents.splitlines() if name in line)
        assert re.search(r"\d+\s*$", line), line


def test_chapters_follow_the_syntheses_order_one_per_theme(world, page):
    text = flat(pdf_text(render_pdf(page, language="en")))
    body = text[text.index("What the cohort learned.") :]

    first = body.index("1. Public procurement")
    second = body.index("2. Access to capital")
    assert first < body.index("Buy local.") < second < body.index("Lend local.")
    assert "3. " not in body[second : body.index("Participation")]


def test_quotes_are_in_the_pdfs_language_attributed_as_consented(world, french):
    text = flat(french)

    assert flat(translation_of(world.passages["ana"], "fr"))[:30] in text
    assert "une personne participante (Équateur)" in text
    assert "Louis Bergeron" in text
    assert "Ana Morales" not in text


def test_a_translated_quote_notes_its_language_and_its_original_is_in_the_annex(world, french):
    text = flat(french)
    annex = text[text.rindex("Annexe") :]

    assert "Traduit automatiquement (original en espagnol)" in text
    assert ANA_ES in annex
    # Louis wrote in French: shown as written, no original to add.
    assert LOUIS_FR not in annex


def test_no_post_that_may_not_be_quoted_is_in_the_pdf(world, french):
    text = flat(french)

    for original in (SARAH_EN, NINA_ES, LEFT_OUT_ES, UNAPPROVED_ES, HIDDEN_ES, PRIVATE_ES):
        assert original[:25] not in text


def test_every_page_after_the_cover_is_numbered(world, french):
    pages = french.split("\f")
    pages = [page for page in pages if page.strip()]

    total = len(pages)
    assert total > 3
    assert not re.search(r"\d+\s*/\s*\d+", pages[0])
    for number, content in enumerate(pages[1:], start=2):
        assert re.search(rf"\b{number}\s*/\s*{total}\b", content)


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_pdf_is_written_in_each_language(world, page, language):
    text = flat(pdf_text(render_pdf(page, language=language)))

    assert {"es": "Actas", "en": "Proceedings"}[language] in text
    assert flat(translation_of(world.passages["louis"], language))[:25] in text


def test_progress_is_reported_up_to_done(page):
    steps = []

    render_pdf(page, language="en", progress=lambda percent, step: steps.append(percent))

    assert steps[-1] == 100
    assert steps == sorted(steps)


def test_the_pdf_fetches_nothing_outside(world, page):
    with pytest.raises(ValueError, match="not fetched"):
        NoExternalFetcher().fetch("http://example.org/tracker.png")
    with pytest.raises(ValueError, match="not fetched"):
        NoExternalFetcher().fetch("file:///etc/passwd")


def test_user_text_is_escaped_in_the_pdfs_html(world, page):
    world.people["louis"].puentes_profile.display_name = "<script>x</script>Louis"
    world.people["louis"].puentes_profile.save()

    html = render_html(page, language="en")

    assert "<script>x</script>" not in html
    assert "&lt;script&gt;" in html
