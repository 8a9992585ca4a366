"""A member who keeps their posts offline: the online engine never sees them."""

from __future__ import annotations

import pytest
from machina.test.factories import PostFactory, create_forum, create_topic

from members.profiles import get_profile
from tests.forum.helpers import member
from translations import pipeline
from translations.models import PostTranslation

pytestmark = pytest.mark.django_db


@pytest.fixture
def online_engine(settings, loopback):
    """The configured engine is a LibreTranslate server (the loopback): an online engine."""
    settings.TRANSLATION_ENGINE = "libretranslate"
    settings.TRANSLATION_ENGINE_OPTIONS = {"url": loopback.url("libre"), "timeout": 5}
    pipeline.cached_engine.cache_clear()
    yield loopback
    pipeline.cached_engine.cache_clear()


def spanish_post(author, content: str):
    topic = create_topic(forum=create_forum(), poster=author, subject="Hola")
    post = PostFactory(topic=topic, poster=author, subject="Hola", content=content)
    pipeline.request_post_translation(post, targets=["es", "fr", "en"], language="es")
    return post


def sent_texts(loopback) -> str:
    return "\n".join(str(call.json or call.query) for call in loopback.calls("/libre/translate"))


def test_the_posts_of_a_member_who_opted_out_never_reach_the_online_engine(online_engine):
    author = member("es")
    profile = get_profile(author)
    profile.keep_posts_offline = True
    profile.save()
    post = spanish_post(author, "Las cooperativas necesitan crédito.")

    pipeline.translate_pending(post.pk)

    assert "cooperativas" not in sent_texts(online_engine)
    english = PostTranslation.objects.get(post=post, language="en")
    assert english.engine == "apertium"
    assert "cooperatives" in english.content


def test_the_posts_of_other_members_go_to_the_configured_online_engine(online_engine):
    post = spanish_post(member("es"), "Las cooperativas necesitan crédito.")

    pipeline.translate_pending(post.pk)

    assert "cooperativas" in sent_texts(online_engine)
    assert PostTranslation.objects.get(post=post, language="en").engine == "libretranslate"
