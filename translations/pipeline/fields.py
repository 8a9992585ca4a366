"""A post's texts, its subject and its body, each in the language it is written in.

A reply's subject "Re: <the topic's subject>" is the topic's subject: its language is the
topic's (its first post's subject's), and the topic's translations of it serve as they are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from translations.glossary import Glossary, ProtectedSegment
from translations.markup import Document, extract_segments
from translations.models import OTHER_LANGUAGE, PostTranslation

from .recording import post_source, post_subject_language, source_digest

Status = PostTranslation.Status


@dataclass
class Field:
    """A text of a post (its subject or its body) in the language it is written in."""

    text: str
    source: str
    document: Document
    protected: list[ProtectedSegment]
    #: Written back before the translation as it was (a reply's "Re: ").
    prefix: str = ""
    #: Translations already made of the same text, by language (the topic's subject).
    known: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        text: str,
        source: str,
        glossaries: Callable[[tuple[int | None, str]], Glossary],
        glossary: int | None,
        prefix: str = "",
        known: dict[str, str] | None = None,
    ) -> Field:
        document = extract_segments(text)
        protected = []
        if source != OTHER_LANGUAGE:
            protected = [glossaries((glossary, source)).protect(s) for s in document.segments]
        return cls(text, source, document, protected, prefix, known or {})

    @property
    def segments(self) -> list[str]:
        return [item.text for item in self.protected]

    def needs_engine(self, target: str) -> bool:
        return (
            self.source not in (target, OTHER_LANGUAGE)
            and target not in self.known
            and bool(self.protected)
        )

    def written(self, target: str, translated: list[str] | None) -> str:
        """The field in ``target``, from the engine's segments when it needed them."""
        if target in self.known:
            return self.prefix + self.known[target]
        if translated is None:
            return self.prefix + self.text  # in that language already, or in none of ours
        return self.prefix + self.document.rebuild(translated)


class TopicSubjects:
    """The subjects of the topics that the batch's replies answer: their language, and
    their translations already made (one query, on first use)."""

    def __init__(self, first_posts: dict[int, Any], settled: dict[int, str]) -> None:
        self.first_posts = first_posts
        self.settled = settled
        self._languages: dict[int, str] = {}
        self._translations: dict[int, dict[str, str]] | None = None

    def of(self, post, rest: str) -> tuple[str, dict[str, str]] | None:
        """For a reply whose subject is "Re: " and its topic's subject: that subject's
        language and its translations by language; None for any other subject."""
        first = self.first_posts.get(post.topic.first_post_id)
        if first is None or rest.strip() != (first.subject or "").strip():
            return None
        if first.pk not in self._languages:
            self._languages[first.pk] = post_subject_language(
                first, chosen=self.settled.get(first.pk)
            )
        return self._languages[first.pk], self.translations().get(first.pk, {})

    def translations(self) -> dict[int, dict[str, str]]:
        if self._translations is None:
            self._translations = defaultdict(dict)
            rows = PostTranslation.objects.filter(
                post_id__in=self.first_posts, status=Status.DONE
            ).exclude(subject="")
            for row in rows.only("post_id", "language", "subject", "source_digest"):
                first = self.first_posts[row.post_id]
                if row.source_digest == source_digest(*post_source(first)):
                    self._translations[row.post_id][row.language] = row.subject
        return self._translations
