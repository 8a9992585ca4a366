"""The proceedings of a course, compiled in one language: what the page and the PDF show.

One chapter per theme (the order of the organizers' syntheses on the page, then the other
themes the harvest holds), each with its synthesis and its cells theme × region of quoted
passages; the theme × region matrix of counts; the case studies' policy reflections; the
participation figures. Everything in ``language``: a passage's translation when one was
made from exactly its text (labelled machine or reviewed), else the passage as written; the
original always kept beside it.

Quoted are only the passages that the organizers left included and whose author consented
(:mod:`proceedings.attribution`), of posts every member of the course reads: approved, in
a published week's forum (a private community only with ``include_private``), not an answer
hidden until one posts (:mod:`forum.independent`). A fixed number of queries, however many
passages (tests/proceedings/test_compile.py guards it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from wagtail.rich_text import expand_db_html

from courses.identity import source_course
from courses.models import CaseStudyPage, CoursePage
from courses.vocabulary_texts import shown_terms
from forum.discussion import post_url
from forum.independent import post_first_topics
from forum.markdown import render_markdown, sanitize_html
from members.languages import LANGUAGE_NAMES
from members.models import Profile
from taxonomy.models import Region, Theme
from translations.display import shown_posts
from translations.shown_texts import ShownText, texts_of

from .attribution import attributions
from .figures import participation, quotable_forum_ids
from .models.harvest import Passage


class ProceedingsPage(Protocol):
    """What the compilation reads of a proceedings page (proceedings.models.ProceedingsPage,
    whose get_context calls it: named here, not imported, to keep the imports one way)."""

    pk: Any
    introduction: str
    conclusions: str
    syntheses: Any
    include_case_studies: bool


@dataclass
class QuotedPassage:
    """A passage as quoted: ``text`` in the proceedings' language (safe HTML)."""

    passage: Passage
    text: SafeString
    original_html: SafeString
    original_language: str
    is_machine: bool
    is_reviewed: bool
    attribution: str
    post_url: str
    #: Its number in the proceedings (the annex of originals numbers them the same).
    number: int = 0
    #: The language of ``text`` when it is a translation.
    target: str = ""
    #: The page's label ("Machine-translated from Spanish") and the PDF's note.
    label: str = ""
    note: str = ""

    @property
    def is_translated(self) -> bool:
        return self.is_machine or self.is_reviewed

    @property
    def original_language_name(self) -> str:
        return str(LANGUAGE_NAMES.get(self.original_language, ""))

    @property
    def anchor(self) -> str:
        return f"passage-{self.number}"


@dataclass
class Cell:
    theme: Theme | None
    region: Region | None
    passages: list[QuotedPassage]
    #: The region's name in the proceedings' language ("" for the passages of no region).
    region_name: str = ""

    @property
    def anchor(self) -> str:
        return cell_anchor(self.theme, self.region)


@dataclass
class CaseStudyReflection:
    """A case study's policy reflections, in the proceedings' language."""

    page: CaseStudyPage
    title: str
    reflections_html: SafeString
    original_html: SafeString
    language: str
    is_machine: bool
    is_reviewed: bool
    territory_name: str = ""
    theme_names: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    url: str = ""
    label: str = ""
    note: str = ""

    @property
    def is_translated(self) -> bool:
        return self.is_machine or self.is_reviewed

    @property
    def original_language_name(self) -> str:
        return str(LANGUAGE_NAMES.get(self.language, ""))


@dataclass
class Chapter:
    theme: Theme | None
    synthesis_html: SafeString
    cells: list[Cell]
    case_studies: list[CaseStudyReflection]
    #: The theme's name in the proceedings' language.
    name: str = ""
    #: The synthesis block on the page (its text is keyed "<block id>.synthesis").
    block_id: str = ""
    synthesis_source: Any = None
    number: int = 0

    @property
    def anchor(self) -> str:
        return f"chapter-{self.number}"

    @property
    def passage_count(self) -> int:
        return len({quote.passage.pk for cell in self.cells for quote in cell.passages})


@dataclass
class MatrixCell:
    region: Region | None
    count: int
    anchor: str


@dataclass
class MatrixRow:
    theme: Theme | None
    name: str
    cells: list[MatrixCell]
    chapter_anchor: str = ""


@dataclass
class Matrix:
    """Themes × regions: how many quoted passages each cell holds."""

    themes: list[tuple[Theme | None, str]]
    regions: list[tuple[Region | None, str]]
    counts: dict[tuple[int | None, int | None], int]
    rows: list[MatrixRow] = field(default_factory=list)

    def count(self, theme: Theme | None, region: Region | None) -> int:
        return self.counts.get((_pk(theme), _pk(region)), 0)


@dataclass
class Proceedings:
    page: ProceedingsPage | None
    course: CoursePage
    language: str
    chapters: list[Chapter]
    matrix: Matrix
    case_studies: list[CaseStudyReflection]
    figures: dict
    introduction_html: SafeString = SafeString("")
    conclusions_html: SafeString = SafeString("")
    #: Every quoted passage once, numbered in order of first appearance (the annex).
    quotes: list[QuotedPassage] = field(default_factory=list)

    @property
    def translated_quotes(self) -> list[QuotedPassage]:
        return [quote for quote in self.quotes if quote.is_translated]


def cell_anchor(theme: Theme | None, region: Region | None) -> str:
    return f"cell-{_pk(theme) or 'none'}-{_pk(region) or 'none'}"


def _pk(obj) -> int | None:
    return obj.pk if obj is not None else None


def rich_html(value: Any) -> SafeString:
    """Wagtail rich text (or its source) as sanitised HTML, its internal links expanded."""
    source = getattr(value, "source", value) or ""
    return SafeString(sanitize_html(expand_db_html(str(source))))


def compile_proceedings(
    course: CoursePage,
    *,
    language: str,
    page: ProceedingsPage | None = None,
    include_private: bool = False,
) -> Proceedings:
    course = source_course(course)
    with translation.override(language):
        quotes = quoted_passages(course, language=language, include_private=include_private)
        show_case_studies = page is None or page.include_case_studies
        case_studies = reflections(course, language=language) if show_case_studies else []
        chapters, matrix = _chapters(page, quotes, case_studies, language=language)
        introduction, conclusions = SafeString(""), SafeString("")
        if page is not None:
            texts = texts_of([page], language=language)[0]
            introduction = _page_html(texts.get("introduction", page.introduction))
            conclusions = _page_html(texts.get("conclusions", page.conclusions))
        numbered: dict[int, QuotedPassage] = {}
        for chapter in chapters:
            for cell in chapter.cells:
                for quote in cell.passages:
                    numbered.setdefault(quote.passage.pk, quote)
        for number, quote in enumerate(numbered.values(), start=1):
            quote.number = number
        return Proceedings(
            page=page,
            course=course,
            language=language,
            chapters=chapters,
            matrix=matrix,
            case_studies=case_studies,
            figures=participation(course, include_private=include_private),
            introduction_html=introduction,
            conclusions_html=conclusions,
            quotes=list(numbered.values()),
        )


def quotable_passages(course: CoursePage, *, include_private: bool = False) -> list[Passage]:
    """The course's included passages of posts every member reads (see the module)."""
    forum_ids = quotable_forum_ids(course, include_private=include_private)
    passages = list(
        Passage.objects.filter(
            course=course,
            included=True,
            post__approved=True,
            post__topic__forum_id__in=forum_ids,
        )
        .select_related("post__topic__forum", "post__poster")
        .prefetch_related("themes", "regions")
        .order_by("created", "pk")
    )
    gated = post_first_topics({passage.post.topic_id for passage in passages})
    return [
        passage
        for passage in passages
        if passage.post.topic_id not in gated or passage.post.topic.first_post_id == passage.post_id
    ]


def quoted_passages(
    course: CoursePage, *, language: str, include_private: bool = False
) -> list[QuotedPassage]:
    """The quotable passages whose authors consented, each in ``language``."""
    passages = quotable_passages(course, include_private=include_private)
    named = attributions(passages, language=language)
    passages = [passage for passage in passages if named[passage.pk]]
    texts = {item.obj.pk: item for item in texts_of(passages, language=language)}
    whole_posts = [p.post for p in passages if not p.text and "text" not in texts[p.pk].texts]
    posts = {shown.post.pk: shown for shown in shown_posts(whole_posts, language=language)}
    quotes = []
    for passage in passages:
        shown_post = posts.get(passage.post_id)
        if shown_post is not None and not passage.text:
            quote = _quote_of_post(passage, shown_post)
        else:
            original = passage.text or passage.post.content.raw
            quote = _quote_of_text(passage, texts[passage.pk].get("text", original))
        quote.attribution = named[passage.pk] or ""
        quote.post_url = post_url(passage.post.topic.forum, passage.post)
        _label(quote)
        quotes.append(quote)
    return quotes


def _quote_of_text(passage: Passage, shown: ShownText) -> QuotedPassage:
    original = SafeString(render_markdown(shown.original))
    translated = shown.has_translation
    return QuotedPassage(
        passage=passage,
        text=SafeString(render_markdown(shown.translated)) if translated else original,
        original_html=original,
        original_language=shown.language or passage.language,
        is_machine=shown.state == "machine",
        is_reviewed=shown.state == "reviewed",
        attribution="",
        post_url="",
        target=shown.target if translated else "",
    )


def _quote_of_post(passage: Passage, shown: Any) -> QuotedPassage:
    """A whole post whose passage has no texts of its own yet: the post's translation."""
    return QuotedPassage(
        passage=passage,
        text=shown.translated_html if shown.has_translation else shown.html,
        original_html=shown.html,
        original_language=shown.language or passage.language,
        is_machine=shown.state == "machine",
        is_reviewed=shown.state == "reviewed",
        attribution="",
        post_url="",
        target=shown.target if shown.has_translation else "",
    )


def _label(item: QuotedPassage | CaseStudyReflection) -> None:
    """The provenance label (the page's) and note (the PDF's), in the active language."""
    name = str(
        LANGUAGE_NAMES.get(
            item.original_language if isinstance(item, QuotedPassage) else item.language, ""
        )
    )
    if item.is_reviewed:
        item.label = gettext("Translated from %(language)s, reviewed by a translator") % {
            "language": name
        }
        item.note = item.label
    elif item.is_machine:
        item.label = gettext("Machine-translated from %(language)s") % {"language": name}
        item.note = gettext("Translated from %(language)s by machine") % {"language": name}


def reflections(course: CoursePage, *, language: str) -> list[CaseStudyReflection]:
    """The course's published case studies that hold policy reflections, in ``language``."""
    pages = list(
        CaseStudyPage.objects.live()
        .descendant_of(course)
        .exclude(policy_reflections="")
        .select_related("territory")
        .prefetch_related("themes", "authors")
        .order_by("path")
    )
    if not pages:
        return []
    texts = texts_of(pages, language=language)
    territories = {
        term.term.pk: term.name
        for term in shown_terms(
            _unique(page.territory for page in pages if page.territory is not None),
            language=language,
        )
    }
    themes = {
        term.term.pk: term.name
        for term in shown_terms(
            _unique(theme for page in pages for theme in page.themes.all()), language=language
        )
    }
    names = _member_names(author for page in pages for author in page.authors.all())
    items = []
    for page, item in zip(pages, texts, strict=True):
        title = item.get("title", page.title)
        shown = item.get("policy_reflections", page.policy_reflections)
        reflection = CaseStudyReflection(
            page=page,
            title=title.shown,
            reflections_html=rich_html(shown.shown),
            original_html=rich_html(shown.original),
            language=shown.language or page.language,
            is_machine=shown.state == "machine",
            is_reviewed=shown.state == "reviewed",
            territory_name=territories.get(page.territory_id or 0, page.region),
            theme_names=[themes[theme.pk] for theme in page.themes.all()],
            authors=[names.get(author.pk, "") for author in page.authors.all()],
            url=page.url or "",
        )
        _label(reflection)
        items.append(reflection)
    return items


def _chapters(
    page: ProceedingsPage | None,
    quotes: list[QuotedPassage],
    case_studies: list[CaseStudyReflection],
    *,
    language: str,
) -> tuple[list[Chapter], Matrix]:
    by_theme: dict[int | None, list[QuotedPassage]] = defaultdict(list)
    themes: dict[int, Theme] = {}
    regions: dict[int, Region] = {}
    for quote in quotes:
        passage_themes = list(quote.passage.themes.all())
        for passage_theme in passage_themes:
            themes[passage_theme.pk] = passage_theme
            by_theme[passage_theme.pk].append(quote)
        if not passage_themes:
            by_theme[None].append(quote)
        for region in quote.passage.regions.all():
            regions[region.pk] = region
    blocks: list[tuple[Theme, str, Any, ShownText]] = []
    if page is not None:
        page_texts = texts_of([page], language=language)[0]
        for block in page.syntheses:
            block_theme = block.value.get("theme")
            if block_theme is None or block_theme.pk in {b[0].pk for b in blocks}:
                continue
            themes[block_theme.pk] = block_theme
            shown = page_texts.get(f"{block.id}.synthesis", block.value.get("synthesis"))
            blocks.append((block_theme, block.id, block.value.get("synthesis"), shown))
    ordered: list[Theme | None] = [theme for theme, *_rest in blocks]
    synthesised = {theme.pk for theme, *_rest in blocks}
    others = sorted(
        (themes[pk] for pk in by_theme if pk is not None and pk not in synthesised),
        key=lambda theme: theme.name.casefold(),
    )
    ordered.extend(others)
    if by_theme.get(None):
        ordered.append(None)
    theme_names = {
        term.term.pk: term.name
        for term in shown_terms([t for t in ordered if t is not None], language=language)
    }
    region_list = sorted(regions.values(), key=lambda region: region.name.casefold())
    region_names = {term.term.pk: term.name for term in shown_terms(region_list, language=language)}
    synthesis_of = {
        theme.pk: (block_id, source, shown) for theme, block_id, source, shown in blocks
    }
    chapters = []
    counts: dict[tuple[int | None, int | None], int] = defaultdict(int)
    no_region = False
    for number, theme in enumerate(ordered, start=1):
        theme_quotes = by_theme.get(_pk(theme), [])
        cells = _cells(theme, theme_quotes, region_list, region_names)
        for cell in cells:
            counts[(_pk(theme), _pk(cell.region))] = len(cell.passages)
            no_region = no_region or cell.region is None
        synthesis = synthesis_of.get(_pk(theme) or 0)
        block_id, source = (synthesis[0], synthesis[1]) if synthesis else ("", None)
        chapters.append(
            Chapter(
                theme=theme,
                synthesis_html=_page_html(synthesis[2]) if synthesis else SafeString(""),
                cells=cells,
                case_studies=[
                    item
                    for item in case_studies
                    if theme is not None and theme.pk in {t.pk for t in item.page.themes.all()}
                ],
                name=theme_names.get(theme.pk, theme.name)
                if theme is not None
                else gettext("Other contributions"),
                block_id=block_id,
                synthesis_source=source,
                number=number,
            )
        )
    matrix_regions: list[tuple[Region | None, str]] = [
        (region, region_names.get(region.pk, region.name)) for region in region_list
    ]
    if no_region:
        matrix_regions.append((None, gettext("No particular region")))
    matrix = Matrix(
        themes=[(chapter.theme, chapter.name) for chapter in chapters],
        regions=matrix_regions,
        counts=dict(counts),
    )
    matrix.rows = [
        MatrixRow(
            theme=chapter.theme,
            name=chapter.name,
            cells=[
                MatrixCell(
                    region, matrix.count(chapter.theme, region), cell_anchor(chapter.theme, region)
                )
                for region, _name in matrix_regions
            ],
            chapter_anchor=chapter.anchor,
        )
        for chapter in chapters
    ]
    return chapters, matrix


def _cells(
    theme: Theme | None,
    quotes: list[QuotedPassage],
    regions: Sequence[Region],
    region_names: dict[int, str],
) -> list[Cell]:
    by_region: dict[int | None, list[QuotedPassage]] = defaultdict(list)
    for quote in quotes:
        passage_regions = list(quote.passage.regions.all())
        for region in passage_regions:
            by_region[region.pk].append(quote)
        if not passage_regions:
            by_region[None].append(quote)
    cells = [
        Cell(theme, region, by_region[region.pk], region_names.get(region.pk, region.name))
        for region in regions
        if by_region.get(region.pk)
    ]
    if by_region.get(None):
        cells.append(Cell(theme, None, by_region[None], gettext("No particular region")))
    return cells


def _page_html(shown: ShownText) -> SafeString:
    return rich_html(shown.shown)


def _unique(items: Iterable) -> list:
    seen: dict[int, Any] = {}
    for item in items:
        seen.setdefault(item.pk, item)
    return list(seen.values())


def _member_names(users: Iterable) -> dict[int, str]:
    users = _unique(users)
    if not users:
        return {}
    names = dict(
        Profile.objects.filter(user_id__in=[user.pk for user in users]).values_list(
            "user_id", "display_name"
        )
    )
    return {
        user.pk: names.get(user.pk) or user.get_full_name() or user.get_username() for user in users
    }
