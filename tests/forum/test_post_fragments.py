"""A topic page keeps each post's rendered block for the next reader who sees the same
(forum/post_fragments.py), and never shows a reader what another one saw instead of theirs:
whatever changes (an edit, a reviewed translation, a name, a role, the reader's language, the
original asked for, a translator's links) reaches the next page at once."""

from __future__ import annotations

import re

import pytest
from django.core.cache import caches
from machina.core.db.models import get_model

from courses.models import Role
from members.profiles import get_profile
from tests.forum.helpers import (
    course_forum,
    grant,
    member,
    topic_url,
    translated_spanish_topic,
)
from translations.models import PostTranslation
from translations.review import save_reviewed_translation

Post = get_model("forum_conversation", "Post")

pytestmark = pytest.mark.django_db

#: What differs between two answers to the same request: the form tokens and the scripts'
#: nonce (Content-Security-Policy), new on every request.
PER_REQUEST = re.compile(r'(name="csrfmiddlewaretoken" value="|nonce=")[^"]*"')


def fragments() -> int:
    return len(caches["fragments"]._cache)  # type: ignore[attr-defined]


def forget_kept_pages() -> None:
    caches["fragments"].clear()
    caches["post_lists"].clear()


def controls(html: str) -> str:
    """The first post's controls (reply, quote, edit, delete)."""
    return html.split('class="float-right post-controls"', 1)[1].split("</div>", 1)[0]


def page(client, user, url: str) -> str:
    client.force_login(user)
    html = client.get(url).content.decode()
    return PER_REQUEST.sub(r'\1"', html)


@pytest.fixture
def spanish_topic():
    author = member("es")
    forum = course_forum()
    grant(author, forum)
    return translated_spanish_topic(forum, author)


def enrolled(forum, language: str, role: Role = Role.PARTICIPANT):
    user = member(language)
    grant(user, forum, role)
    return user


def test_a_second_reader_who_sees_the_same_gets_the_kept_block_and_the_same_page(
    client, spanish_topic
):
    topic, _post = spanish_topic
    url = topic_url(topic)
    first, second = enrolled(topic.forum, "en"), enrolled(topic.forum, "en")

    page(client, first, url)
    kept = fragments()
    cached = page(client, second, url)

    assert kept >= 2  # the post's head and foot
    assert fragments() == kept  # the second reader's page came from them
    forget_kept_pages()
    assert cached == page(client, second, url)


@pytest.mark.parametrize(
    "reader",
    [
        pytest.param(("en", Role.PARTICIPANT, ""), id="english participant"),
        pytest.param(("fr", Role.PARTICIPANT, ""), id="french participant"),
        pytest.param(("es", Role.PARTICIPANT, ""), id="spanish participant"),
        pytest.param(("en", Role.PARTICIPANT, "?original={post}"), id="original asked"),
        pytest.param(("en", Role.ORGANIZER, ""), id="organizer"),
        pytest.param(("en", Role.TRANSLATOR, ""), id="translator"),
        pytest.param(("fr", Role.KEY_RESPONDENT, ""), id="key respondent"),
    ],
)
def test_each_reader_gets_the_page_they_would_get_without_any_kept_block(
    client, spanish_topic, reader
):
    """Every other kind of reader reads first and leaves their blocks behind; the reader's
    page is then the same as when rendered from nothing."""
    topic, post = spanish_topic
    language, role, query = reader
    url = topic_url(topic) + query.format(post=post.pk)
    others = [
        enrolled(topic.forum, other_language, other_role)
        for other_language in ("en", "fr", "es")
        for other_role in (Role.PARTICIPANT, Role.ORGANIZER, Role.TRANSLATOR)
    ]
    for other in others:
        page(client, other, url)
        page(client, other, topic_url(topic) + f"?original={post.pk}")
    me = enrolled(topic.forum, language, role)

    with_kept = page(client, me, url)
    forget_kept_pages()

    assert with_kept == page(client, me, url)


def test_the_author_gets_their_edit_and_delete_buttons_after_other_readers_kept_the_list(
    client, spanish_topic
):
    """The whole list is kept for readers with the same rights on each post: the author
    (who may edit their post) never gets the list another reader left, nor the reverse."""
    topic, post = spanish_topic
    url = topic_url(topic)
    profile = get_profile(post.poster)
    profile.visibility = "members"  # every reader gets the same link on the author's name
    profile.save()
    for other in (enrolled(topic.forum, "es"), enrolled(topic.forum, "es", Role.ORGANIZER)):
        page(client, other, url)

    mine = page(client, post.poster, url)
    forget_kept_pages()
    assert mine == page(client, post.poster, url)

    theirs = page(client, enrolled(topic.forum, "es"), url)
    assert "update/" in controls(mine)
    assert "update/" not in controls(theirs)


def test_an_edit_of_the_post_reaches_the_next_reader(client, spanish_topic):
    topic, post = spanish_topic
    reader = enrolled(topic.forum, "en")
    before = page(client, reader, topic_url(topic))
    assert "Machine-translated from Spanish" in before

    post.content = "Las cooperativas piden **tierra** para sus huertas."
    post.save()

    after = page(client, reader, topic_url(topic))
    assert "tierra" in after  # the new original, while its translation is under way
    assert "Translation in progress" in after


def test_a_translators_correction_reaches_the_next_reader(client, spanish_topic):
    topic, post = spanish_topic
    reader = enrolled(topic.forum, "en")
    assert "Machine-translated from Spanish" in page(client, reader, topic_url(topic))
    translator = enrolled(topic.forum, "en", Role.TRANSLATOR)

    save_reviewed_translation(
        PostTranslation.objects.get(post=post, language="en"),
        subject="Social economy",
        content="Cooperatives need **credit** and stable policies, says the translator.",
        editor=translator,
    )

    after = page(client, reader, topic_url(topic))
    assert "says the translator" in after
    assert "reviewed by a translator" in after


def test_a_new_display_name_and_role_reach_the_next_reader(client, spanish_topic):
    topic, post = spanish_topic
    reader = enrolled(topic.forum, "en")
    assert "Key respondent" not in page(client, reader, topic_url(topic))

    profile = get_profile(post.poster)
    profile.display_name = "Ana Morales"
    profile.save()
    grant(post.poster, topic.forum, Role.KEY_RESPONDENT)

    after = page(client, reader, topic_url(topic))
    assert "Ana Morales" in after
    assert "Key respondent" in after


def test_a_posters_new_post_elsewhere_keeps_their_blocks_and_shows_the_new_count(
    client, spanish_topic
):
    """The post count changes with each post of its author: it is rendered outside the
    kept post blocks, which stay the same (an active poster's blocks are not rendered
    again); only the page's list around them is kept anew."""
    topic, post = spanish_topic
    reader = enrolled(topic.forum, "en")
    before = page(client, reader, topic_url(topic))
    kept = set(caches["fragments"]._cache)  # type: ignore[attr-defined]
    profile = post.poster.forum_profile
    profile.refresh_from_db()
    count = profile.posts_count

    profile.posts_count = count + 1  # as machina counts a post of theirs in another topic
    profile.save()

    after = page(client, reader, topic_url(topic))
    assert f"&nbsp;{count + 1}</div>" in after
    assert f"&nbsp;{count}</div>" in before
    assert set(caches["fragments"]._cache) == kept  # type: ignore[attr-defined]


def test_the_readers_language_is_part_of_the_block(client, spanish_topic, compiled_catalogs):
    """The same post read in English, then by the same member reading French: the French
    page is in French, not the English block kept a moment before."""
    topic, _post = spanish_topic
    reader = enrolled(topic.forum, "en")
    english = page(client, reader, topic_url(topic))

    profile = get_profile(reader)
    profile.preferred_language = "fr"
    profile.save()
    french = page(client, reader, topic_url(topic))

    assert "Machine-translated from Spanish" in english
    assert "Machine-translated from Spanish" not in french
    assert 'lang="fr"' in french
