"""What the harvest list shows a harvester: the course's passages they may read, filtered by
theme, region (a region takes in the regions within it), week and language, each in the
reader's language with its label, its author's consent, and counts.

A fixed number of queries whatever the number of passages (texts, consents and names are
loaded for the whole page at once).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.utils.safestring import SafeString

from courses.models import CoursePage, WeekPage
from courses.vocabulary_texts import TermName, shown_terms
from forum.discussion import post_url
from forum.markdown import render_markdown
from forum.permission_handler import PermissionHandler
from forum.progress import week_forums
from members.languages import LANGUAGE_CODES
from taxonomy.models import Region
from translations.shown_texts import ObjectTexts, ShownText, texts_of

from .consent import consents_of
from .harvest import Post, harvest_of, organizes, passage_occurs, post_markdown
from .models import Passage, QuoteConsent
from .vocabulary import course_regions, course_themes


@dataclass
class HarvestFilter:
    """The list's filters, from the query string; anything unknown is ignored."""

    theme: int | None = None
    region: int | None = None
    week: int | None = None
    language: str = ""

    @classmethod
    def from_query(cls, query) -> HarvestFilter:
        def number(name: str) -> int | None:
            value = query.get(name, "")
            return int(value) if value.isdigit() and len(value) < 18 else None

        language = query.get("language", "")
        return cls(
            theme=number("theme"),
            region=number("region"),
            week=number("week"),
            language=language if language in LANGUAGE_CODES else "",
        )

    def apply(self, passages: QuerySet[Passage], weeks: dict[int, int | None]) -> QuerySet:
        if self.theme is not None:
            passages = passages.filter(themes=self.theme)
        if self.region is not None:
            within = Region.objects.filter(
                Q(pk=self.region) | Q(parent=self.region) | Q(parent__parent=self.region)
            )
            passages = passages.filter(regions__in=within)
        if self.week is not None:
            forum_id = weeks.get(self.week)
            if forum_id is None:
                return passages.none()
            passages = passages.filter(post__topic__forum_id=forum_id)
        if self.language:
            passages = passages.filter(language=self.language)
        return passages.distinct()


@dataclass
class HarvestRow:
    passage: Passage
    texts: ObjectTexts
    text: ShownText
    html: SafeString
    original_html: SafeString
    tags: list[TermName]
    consent: QuoteConsent | None
    url: str
    week: WeekPage | None
    occurs: bool
    may_manage: bool


@dataclass
class HarvestList:
    rows: list[HarvestRow]
    total: int
    included: int
    filters: HarvestFilter
    weeks: list[WeekPage] = field(default_factory=list)
    themes: list[TermName] = field(default_factory=list)
    regions: list[TermName] = field(default_factory=list)


def readable_harvest(course: CoursePage, reader: User) -> QuerySet[Passage]:
    """The course's passages whose post the reader may read (privacy holds in the harvest)."""
    passages = harvest_of(course)
    readable = PermissionHandler().readable_posts(
        Post.objects.filter(pk__in=passages.values("post_id")), reader
    )
    return passages.filter(post__in=readable.values("pk"))


def _html(text: str) -> SafeString:
    return SafeString(render_markdown(text))


def harvest_list(
    course: CoursePage,
    reader: User,
    *,
    language: str,
    reads: set[str],
    filters: HarvestFilter,
    show_original: bool = False,
) -> HarvestList:
    week_rows = week_forums(course)
    weeks = {week.pk: forum_id for week, forum_id in week_rows}
    week_of_forum = {forum_id: week for week, forum_id in week_rows if forum_id}
    every = readable_harvest(course, reader)
    passages = list(filters.apply(every, weeks))
    texts = texts_of(passages, language=language, reads=reads, show_original=show_original)
    terms: list[Any] = [
        term for passage in passages for term in [*passage.themes.all(), *passage.regions.all()]
    ]
    names = {
        (name.kind, name.term.pk): name
        for name in shown_terms(terms, language=language, reads=reads)
    }
    consents = consents_of({passage.post.poster_id for passage in passages}, course)
    organizer = organizes(reader, course)
    rows = []
    for passage, item in zip(passages, texts, strict=True):
        shown = item.get("text", passage.text or post_markdown(passage.post))
        forum = passage.post.topic.forum
        rows.append(
            HarvestRow(
                passage=passage,
                texts=item,
                text=shown,
                html=_html(shown.translated) if shown.has_translation else SafeString(""),
                original_html=_html(shown.original),
                tags=[
                    *(names[("theme", theme.pk)] for theme in passage.themes.all()),
                    *(names[("region", region.pk)] for region in passage.regions.all()),
                ],
                consent=consents.get(passage.post.poster_id),
                url=post_url(forum, passage.post),
                week=week_of_forum.get(forum.pk),
                occurs=passage_occurs(passage),
                # The view lets harvesters in only: an organizer, or the passage's harvester.
                may_manage=organizer or passage.harvested_by_id == reader.pk,
            )
        )
    return HarvestList(
        rows=rows,
        total=every.count(),
        included=sum(1 for row in rows if row.passage.included),
        filters=filters,
        weeks=[week for week, _forum in week_rows],
        themes=shown_terms(list(course_themes(course)), language=language, reads=reads),
        regions=shown_terms(list(course_regions(course)), language=language, reads=reads),
    )
