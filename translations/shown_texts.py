"""What a reader sees of a page's (or a forum's) texts: each in their language, or as written.

The counterpart of :mod:`translations.display` for texts stored by :mod:`translations.texts`:
pure functions of objects and the reader's languages, two queries for any number of
objects. The original always comes from the object itself (what is live now); a
translation is shown only if it was made from exactly that text, so a page edited a
moment ago shows its new original, labelled "translation in progress", never a stale
translation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from members.languages import LANGUAGE_NAMES
from translations.kept_texts import kept
from translations.models import OTHER_LANGUAGE, TextSource, TextTranslation
from translations.texts import text_digest

Status = TextTranslation.Status


@dataclass
class ShownText:
    """One text: the original as written, and the translation the reader gets, if any."""

    original: str
    kind: str = TextSource.Kind.MARKDOWN
    #: The language it is written in, when known.
    language: str | None = None
    #: "original", "machine", "reviewed", "pending", "failed" or "other" (as for posts).
    state: str = "original"
    translated: str = ""
    #: The language of the translation.
    target: str = ""
    translation_id: int | None = None
    showing_original: bool = False

    @property
    def has_translation(self) -> bool:
        return self.state in ("machine", "reviewed")

    @property
    def shown(self) -> str:
        """The text the page shows first."""
        return (
            self.translated if self.has_translation and not self.showing_original else self.original
        )


@dataclass
class ObjectTexts:
    """The texts of one object, by field, and the label that sums them up."""

    obj: Any
    texts: dict[str, ShownText] = field(default_factory=dict)
    #: The fields as stored, for a live value not given by the template.
    showing_original: bool = False
    #: Set by the template tag: the link that swaps every translation and its original.
    toggle_url: str = ""

    def get(self, name: str, original: Any = None) -> ShownText:
        """The field's text; ``original`` is the live value (it wins over a stale copy)."""
        stored = self.texts.get(name)
        if original is None:
            return stored or ShownText("")
        value = getattr(original, "source", original)  # a RichText block value
        value = "" if value is None else str(value)
        if stored is None or stored.original != value:
            return ShownText(value, language=stored.language if stored else None)
        return stored

    def states(self) -> set[str]:
        return {text.state for text in self.texts.values()}

    @property
    def has_translation(self) -> bool:
        return any(text.has_translation for text in self.texts.values())

    @property
    def state(self) -> str:
        """What the label says: the least finished state among the texts."""
        states = self.states()
        for state in ("pending", "failed", "machine", "reviewed", "other"):
            if state in states:
                return state
        return "original"

    @property
    def languages(self) -> list[str]:
        """The languages the texts shown translated were written in."""
        return sorted(
            {
                text.language
                for text in self.texts.values()
                if text.language and text.state in ("machine", "reviewed", "pending", "failed")
            }
        )

    @property
    def language_names(self) -> str:
        names = [str(LANGUAGE_NAMES[code]) for code in self.languages if code in LANGUAGE_NAMES]
        if len(names) <= 1:
            return "".join(names)
        return str(format_lazy(_("{} and {}"), ", ".join(names[:-1]), names[-1]))

    @property
    def label(self) -> str | Promise:
        state = self.state
        if state == "machine" or (state in ("pending", "failed") and self.has_translation):
            # Some texts translated, others still on their way: say what is shown.
            if "reviewed" in self.states() and "machine" not in self.states():
                return _("Translated from %(language)s, reviewed by a translator") % {
                    "language": self.language_names
                }
            return _("Machine-translated from %(language)s") % {"language": self.language_names}
        if state == "reviewed":
            return _("Translated from %(language)s, reviewed by a translator") % {
                "language": self.language_names
            }
        if state == "pending":
            return _("Translation in progress")
        if state == "failed":
            return _("Translation unavailable")
        if state == "other":
            return _("Written in another language; not translated")
        return ""

    @property
    def in_progress(self) -> bool:
        return "pending" in self.states()

    @property
    def original_language_name(self) -> str:
        return self.language_names


def _key(obj) -> tuple[int, int]:
    return ContentType.objects.get_for_model(obj).pk, obj.pk


def texts_of(
    objects: Sequence,
    *,
    language: str,
    reads: Iterable[str] = (),
    show_original: bool = False,
) -> list[ObjectTexts]:
    """Each object's texts as the reader should see them, originals kept beside them."""
    reads = {language, *reads}
    keys = [_key(obj) for obj in objects]
    sources, translations = kept(
        ("texts_of", language, tuple(sorted(set(keys)))), lambda: _stored(keys, language)
    )
    shown = []
    for obj, key in zip(objects, keys, strict=True):
        item = ObjectTexts(obj, showing_original=show_original)
        for source in sources.get(key, []):
            item.texts[source.field] = shown_text(
                source, translations.get(source.pk), reads, language, show_original
            )
        shown.append(item)
    return shown


def _stored(
    keys: list[tuple[int, int]], language: str
) -> tuple[dict[tuple[int, int], list[TextSource]], dict[int, TextTranslation]]:
    """The objects' stored texts, by object, and their translations into `language`."""
    by_type: dict[int, set[int]] = defaultdict(set)
    for content_type, pk in keys:
        by_type[content_type].add(pk)
    sources: dict[tuple[int, int], list[TextSource]] = defaultdict(list)
    for content_type, pks in by_type.items():
        for source in TextSource.objects.filter(content_type_id=content_type, object_id__in=pks):
            sources[(source.content_type_id, source.object_id)].append(source)
    source_ids = [source.pk for rows in sources.values() for source in rows]
    translations = {
        row.source_id: row
        for row in TextTranslation.objects.filter(source_id__in=source_ids, language=language).only(
            "source_id", "status", "text", "source_digest", "source_language", "reviewed_at"
        )
    }
    return dict(sources), translations


def shown_text(
    source: TextSource,
    row: TextTranslation | None,
    reads: set[str],
    language: str,
    show_original: bool,
) -> ShownText:
    text = ShownText(source.text, kind=source.kind, language=source.language or None)
    if source.language == OTHER_LANGUAGE:
        text.language, text.state = None, "other"
        return text
    if source.language and source.language in reads:
        return text
    if row is None:
        # Not yet looked at by the worker (its language is unknown), or the reader's own.
        if not source.language:
            text.state = "pending"
        return text
    text.translation_id = row.pk
    if row.status == Status.DONE and row.source_digest == source.digest:
        if row.source_language in reads:
            return text  # written in a language the reader reads after all
        text.language = row.source_language or text.language
        text.state = "reviewed" if row.reviewed_at else "machine"
        text.translated = row.text
        text.target = language
        text.showing_original = show_original
    elif row.status == Status.FAILED:
        text.state = "failed"
    else:
        text.state = "pending"
    return text


def translated_text(obj, field_name: str, *, language: str, original: str = "") -> str:
    """One text in ``language`` (for an email or a name): the translation, else as written."""
    item = texts_of([obj], language=language)[0]
    text = item.get(field_name, original or None)
    return text.translated if text.has_translation else (text.original or original)


def is_current(source: TextSource, text: str) -> bool:
    return source.digest == text_digest(text, source.kind)
