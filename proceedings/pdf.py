"""The proceedings as a PDF in one language, laid out by WeasyPrint.

The same compilation as the page (:func:`proceedings.compile.compile_proceedings`), rendered
by ``templates/proceedings/pdf/proceedings.html`` in ``language``: a cover, the table of
contents (page numbers by CSS ``target-counter``), one chapter per theme, each quote
attributed as its author consented and, when translated, a note of its original language
pointing to the annex, which holds the original of every translated quote.

WeasyPrint fetches nothing from outside: every text is escaped or sanitised HTML, fonts come
from the system (DejaVu, for every accent), and the fetcher refuses any URL but ``data:``
(an image in a synthesis is left out rather than fetched from the network or the disk).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from members.languages import LANGUAGE_NAMES
from translations.shown_texts import texts_of

from .compile import Cell, Chapter, Proceedings, QuotedPassage, compile_proceedings
from .figures import labelled

if TYPE_CHECKING:
    from .models.pages import ProceedingsPage

Progress = Callable[[int, str], None]

TEMPLATE = "proceedings/pdf/proceedings.html"
BASE_URL = "file:///proceedings/"


class NoExternalFetcher(URLFetcher):
    """Refuses every URL but inline ``data:`` ones: a PDF never reaches the network or disk."""

    def fetch(self, url, headers=None):
        if not url.lower().startswith("data:"):
            raise ValueError(f"External resources are not fetched: {url[:80]}")
        return super().fetch(url, headers)


@dataclass
class Appearance:
    """A quote where it appears; ``first``: it carries the anchor the annex points back to."""

    quote: QuotedPassage
    first: bool


@dataclass
class PdfCell:
    cell: Cell
    quotes: list[Appearance]


@dataclass
class PdfChapter:
    chapter: Chapter
    cells: list[PdfCell]


def pdf_chapters(proceedings: Proceedings) -> list[PdfChapter]:
    seen: set[int] = set()
    chapters = []
    for chapter in proceedings.chapters:
        cells = []
        for cell in chapter.cells:
            quotes = []
            for quote in cell.passages:
                quotes.append(Appearance(quote, quote.number not in seen))
                seen.add(quote.number)
            cells.append(PdfCell(cell, quotes))
        chapters.append(PdfChapter(chapter, cells))
    return chapters


def render_html(page: ProceedingsPage, *, language: str, progress: Progress | None = None) -> str:
    """The PDF's HTML (also what tests and a curious organizer may read)."""
    course = page.course()
    if course is None:
        raise ValueError("These proceedings belong to no course.")
    proceedings = compile_proceedings(course, language=language, page=page)
    if progress:
        progress(40, gettext("Proceedings compiled"))
    with translation.override(language):
        page_texts, course_texts = texts_of([page, course], language=language)
        context = {
            "proceedings": proceedings,
            "chapters": pdf_chapters(proceedings),
            "page": page,
            "course": course,
            "title": page_texts.get("title", page.title).shown,
            "course_title": course_texts.get("title", course.title).shown,
            "language": language,
            "language_name": LANGUAGE_NAMES.get(language, language),
            "figures": labelled(proceedings.figures),
        }
        return render_to_string(TEMPLATE, context)


def render_pdf(page: ProceedingsPage, *, language: str, progress: Progress | None = None) -> bytes:
    """The proceedings in ``language`` as PDF bytes; ``progress(percent, step)`` is told."""
    if progress:
        progress(5, gettext("Compiling the proceedings"))
    html = render_html(page, language=language, progress=progress)
    if progress:
        progress(60, gettext("Laying out the pages"))
    # A base URL of its own, so that the contents' "#chapter-1" links resolve inside the
    # document (page numbers); whatever else it names is refused by the fetcher.
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=NoExternalFetcher())
    pdf = document.write_pdf()
    if progress:
        progress(100, gettext("PDF ready"))
    return bytes(pdf or b"")
