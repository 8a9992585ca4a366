"""A post's parts on the topic page, written in Python (forum/templatetags/post_blocks.py):
what members wrote stays escaped, every part a post may have is shown, and the buttons
follow the reader's rights."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import RequestFactory
from machina.test.factories import PostFactory, create_topic

from forum.permission_tag import get_permission
from forum.templatetags.post_blocks import avatar
from members.profiles import get_profile
from tests.forum.helpers import course_forum, grant, member, topic_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client):
    """A topic by a member whose name and edit note try to inject markup, read by another."""
    author = member("en")
    profile = get_profile(author)
    profile.display_name = '<img src=x onerror="alert(1)">Ana'
    profile.save()
    forum = course_forum()
    grant(author, forum)
    topic = create_topic(forum=forum, poster=author, subject="<b>Credit</b> for co-ops")
    post = PostFactory(topic=topic, poster=author, subject="<b>Credit</b> for co-ops")
    type(post).objects.filter(pk=post.pk).update(
        updates_count=2, updated_by=author, update_reason="<script>x()</script> typo"
    )
    reader = member("en")
    grant(reader, forum)
    client.force_login(reader)
    return SimpleNamespace(topic=topic, post=post, author=author, reader=reader, client=client)


def test_what_members_wrote_is_escaped(page):
    html = page.client.get(topic_url(page.topic)).content.decode()

    assert '<img src=x onerror="alert(1)">' not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;Ana" in html  # byline, card, avatar
    assert "<script>x()</script>" not in html
    assert "&lt;script&gt;x()&lt;/script&gt; typo" in html
    assert "&lt;b&gt;Credit&lt;/b&gt; for co-ops" in html


def test_an_edited_post_says_by_whom_and_how_often(page):
    html = page.client.get(topic_url(page.topic)).content.decode()

    assert 'class="mt-4 edit-info"' in html
    assert "edited 2 times in total." in html
    assert f'href="/forum/member/profile/{page.author.pk}/"' in html


def test_a_reader_may_quote_others_and_edit_only_their_own(page):
    html = page.client.get(topic_url(page.topic)).content.decode()
    assert "post-quote" in html
    assert "btn-warning" not in html  # no edit button on someone else's post

    page.client.force_login(page.author)
    html = page.client.get(topic_url(page.topic)).content.decode()
    assert "btn-warning" in html


def test_an_avatar_is_the_members_picture_or_their_initials():
    person = member("en")
    profile = get_profile(person)
    profile.display_name = "Ana <Ruiz>"
    profile.save()
    person.refresh_from_db()
    with_picture = SimpleNamespace(avatar=SimpleNamespace(url="/media/a.png"), user=person)
    without = SimpleNamespace(avatar=None, user=person)

    assert avatar(with_picture, person) == (
        '<img class="avatar" src="/media/a.png" alt="Ana &lt;Ruiz&gt;" />'
    )
    initials = avatar(without, person, show_placeholder=True, size="small")
    assert 'class="avatar empty avatar--initials avatar--small avatar--tone-' in initials
    assert '<span aria-hidden="true">A</span>' in initials
    assert 'title="Ana &lt;Ruiz&gt;"' in initials
    assert avatar(without, person) == ""  # no placeholder asked for


class CountingHandler:
    def __init__(self):
        self.asked = 0

    def can_add_post(self, topic, user):
        self.asked += 1
        return True


def test_a_permission_is_asked_once_while_a_page_is_built_and_every_time_on_a_post(
    page, monkeypatch
):
    from forum import permission_tag

    handler = CountingHandler()
    monkeypatch.setitem(permission_tag._allowed, CountingHandler, frozenset({"can_add_post"}))
    for method, expected in (("get", 1), ("post", 2)):
        request = getattr(RequestFactory(), method)("/")
        request.user = page.reader
        request.forum_permission_handler = handler
        handler.asked = 0
        for _ in range(2):
            assert get_permission({"request": request}, "can_add_post", page.topic, page.reader)
        assert handler.asked == expected
