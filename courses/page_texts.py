"""Which texts of a page are translated, and asking for their translation when it is published.

Every page type names its translated fields (``translated_fields``: the field and whether it
is plain text or rich text) and, for StreamField blocks, gives their texts itself
(``block_texts``), keyed by the block's id so that a reordered block keeps its translation.
A page's texts are in the language its author chose for the page (``written_in``), else
each text's language is detected; the page's owner's language is the fallback for texts too
short to tell. The course's glossary applies.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from wagtail.models import Page

from members.profiles import get_profile
from translations.models import TextSource
from translations.texts import Text, request_texts

from .identity import course_of_page

MARKDOWN = TextSource.Kind.MARKDOWN
HTML = TextSource.Kind.HTML


def page_texts(page: Page) -> list[Text]:
    texts = []
    for name, kind in getattr(page, "translated_fields", [("title", MARKDOWN)]):
        value = getattr(page, name, "")
        value = getattr(value, "source", value)  # a RichText value
        texts.append(Text(name, "" if value is None else str(value), kind))
    block_texts = getattr(page, "block_texts", None)
    if block_texts is not None:
        texts.extend(block_texts())
    return texts


def block_field(block_id: str, name: str) -> str:
    """The key of a block's text: ``<block id>.<field>``."""
    return f"{block_id}.{name}"


def fallback_language(page: Page) -> str:
    """For a text too short to tell: the language its course is written in, else its
    author's (an organizer may well write in another language than their own)."""
    course = course_of_page(page)
    if course is not None and course.language_written:
        return course.language_written
    profile = get_profile(page.owner) if page.owner_id else None
    if profile is not None and profile.preferred_language:
        return profile.preferred_language
    return settings.LANGUAGE_CODE[:2]


def request_page_texts(page: Page) -> int:
    """Record the live page's texts and queue the translation of those that changed."""
    page = page.specific
    course = course_of_page(page)
    written_in = getattr(page, "written_in", None)
    return request_texts(
        page,
        page_texts(page),
        language=written_in() if written_in is not None else None,
        fallback_language=fallback_language(page),
        glossary=course.pk if course is not None else None,
    )


def request_all_page_texts(pages: Iterable[Page] | None = None) -> int:
    """Every live page (or these): for a site that existed before, or after a bulk change."""
    pages = Page.objects.live().filter(depth__gt=1).specific() if pages is None else pages
    return sum(request_page_texts(page) for page in pages)


def forget_page_texts(page: Page) -> None:
    """A page deleted: its texts go (a page row knows its specific type; no query for it)."""
    TextSource.objects.filter(content_type_id=page.content_type_id, object_id=page.pk).delete()
