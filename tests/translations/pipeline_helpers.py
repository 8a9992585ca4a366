"""Helpers for the pipeline tests: real posts, and a real engine that counts its calls."""

from __future__ import annotations

from machina.core.db.models import get_model
from machina.test.factories import PostFactory, UserFactory, create_forum, create_topic

from translations.engines.apertium import ApertiumEngine

Post = get_model("forum_conversation", "Post")


class CountingEngine:
    """Real Apertium underneath; remembers every text it was asked to translate."""

    name = "apertium"
    is_online = False

    def __init__(self, inner=None, *, before_return=None) -> None:
        self.inner = inner or ApertiumEngine()
        self.calls: list[list[str]] = []
        self.before_return = before_return

    def translate_batch(self, texts, source, target):
        self.calls.append(list(texts))
        result = self.inner.translate_batch(texts, source, target)
        if self.before_return is not None:
            hook, self.before_return = self.before_return, None
            hook()
        return result

    @property
    def texts_sent(self) -> int:
        return sum(len(call) for call in self.calls)


def make_post(content: str, subject: str = "Hola", poster=None) -> Post:
    poster = poster or UserFactory()
    topic = create_topic(forum=create_forum(), poster=poster)
    return PostFactory(topic=topic, poster=poster, subject=subject, content=content)
