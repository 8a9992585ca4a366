"""The post editor's server side (forum/editor.py): the preview renders and sanitises as posts
are rendered, for those who may post in the forum only; @mention completion offers members
of the forum's course the writer may see, never other accounts; and machina's "Attach a
signature" is no longer ticked on a new post."""

from __future__ import annotations

import json
import re
from typing import cast

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from machina.test.factories import create_topic

from courses.models import AfterCourse, Enrollment, Role
from forum.course_of import course_of
from forum.editor import MENTION_LIMIT, mention_suggestions
from forum.markdown import render_markdown
from tests.factories import UserFactory
from tests.forum.helpers import course_forum, grant, member

pytestmark = pytest.mark.django_db


def account(username: str, **names: str) -> User:
    return cast(User, UserFactory(username=username, **names))


def preview_url(forum) -> str:
    return reverse("editor_preview", args=[forum.slug, forum.pk])


def mentions_url(forum) -> str:
    return reverse("editor_mentions", args=[forum.slug, forum.pk])


def preview(client, forum, content: str):
    return client.post(
        preview_url(forum), json.dumps({"content": content}), content_type="application/json"
    )


def suggested(client, forum, query: str) -> list[str]:
    response = client.get(mentions_url(forum), {"q": query})
    assert response.status_code == 200
    return [row["username"] for row in response.json()["members"]]


@pytest.fixture
def forum():
    return course_forum()


@pytest.fixture
def writer(forum):
    user = member("es")
    grant(user, forum)
    return user


def test_preview_renders_markdown_as_the_post_will_be_shown(client, forum, writer):
    client.force_login(writer)
    text = "**Crédito** y _cooperativas_\n\n- uno\n- dos\n\n> cita"

    response = preview(client, forum, text)

    assert response.status_code == 200
    html = response.json()["html"]
    assert html == render_markdown(text)
    assert "<strong>Crédito</strong>" in html
    assert "<li>uno</li>" in html
    assert "<blockquote>" in html


def test_preview_sanitises_scripts_and_javascript_links(client, forum, writer):
    client.force_login(writer)

    html = preview(
        client, forum, '<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror="a">'
    ).json()["html"]

    assert "<script" not in html
    assert "&lt;script&gt;" in html  # shown as text, as in a post
    assert 'href="javascript' not in html
    assert not re.search(r"<img[^>]*onerror", html)


def test_preview_refuses_a_visitor(client, forum):
    response = preview(client, forum, "**hola**")

    assert response.status_code == 403
    assert "html" not in response.json()


def test_preview_refuses_a_member_of_another_course(client, forum):
    outsider = member("fr")
    grant(outsider, course_forum())
    client.force_login(outsider)

    assert preview(client, forum, "**hola**").status_code == 403


def test_preview_refuses_a_translator_who_reads_but_may_not_post(client, forum):
    translator = member("fr")
    grant(translator, forum, Role.TRANSLATOR)
    client.force_login(translator)

    assert preview(client, forum, "**hola**").status_code == 403


def test_preview_needs_the_csrf_token(forum, writer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(writer)

    assert preview(client, forum, "**hola**").status_code == 403


def test_preview_answers_only_to_post(client, forum, writer):
    client.force_login(writer)

    assert client.get(preview_url(forum)).status_code == 405


def test_mentions_suggest_course_members_by_username_and_name(client, forum, writer):
    ana = account(username="anamaria", first_name="Zoe", last_name="Lopez")
    luis = account(username="lrojas", first_name="Anatole", last_name="Rojas")
    bob = account(username="bob", first_name="Bob", last_name="Smith")
    for person in (ana, luis, bob):
        grant(person, forum)
    client.force_login(writer)

    response = client.get(mentions_url(forum), {"q": "ana"})

    members = response.json()["members"]
    assert [row["username"] for row in members] == ["anamaria", "lrojas"]
    assert members[1]["name"] == "Anatole Rojas"


def test_mentions_offer_no_account_outside_the_forums_course(client, forum, writer):
    other_forum = course_forum()
    grant(writer, other_forum)  # the writer meets her in the other course
    grant(account(username="anaother"), other_forum)
    account(username="anasolo")  # an account in no course
    grant(account(username="anamember"), forum)
    client.force_login(writer)

    assert suggested(client, forum, "ana") == ["anamember"]


def test_mentions_leave_out_members_who_left_and_inactive_accounts(client, forum, writer):
    gone, inactive, staying = (
        account(username=name) for name in ("anagone", "anainactive", "anastays")
    )
    for person in (gone, inactive, staying):
        grant(person, forum)
    Enrollment.objects.filter(user=gone).update(after_course=AfterCourse.LEAVE)
    inactive.is_active = False
    inactive.save()
    client.force_login(writer)

    assert suggested(client, forum, "ana") == ["anastays"]


def test_mentions_are_at_most_eight(client, forum, writer):
    for number in range(MENTION_LIMIT + 3):
        grant(account(username=f"ana{number:02d}"), forum)
    client.force_login(writer)

    assert len(suggested(client, forum, "ana")) == MENTION_LIMIT


def test_mentions_need_letters(client, forum, writer):
    grant(account(username="anamember"), forum)
    client.force_login(writer)

    assert suggested(client, forum, "") == []


def test_mentions_offer_only_members_the_writer_may_see(forum):
    grant(account(username="anamember"), forum)
    stranger = account(username="stranger")  # shares no course, reads none of her posts

    assert mention_suggestions(stranger, course_of(forum), "ana") == []


def test_mentions_refuse_a_visitor_and_a_member_of_another_course(client, forum):
    assert client.get(mentions_url(forum), {"q": "a"}).status_code == 403
    outsider = member("fr")
    grant(outsider, course_forum())
    client.force_login(outsider)

    assert client.get(mentions_url(forum), {"q": "a"}).status_code == 403


def signature_box(html: str) -> str:
    found = re.search(r'<input[^>]*name="enable_signature"[^>]*>', html)
    assert found, "the form has no signature box"
    return found.group(0)


def test_a_new_reply_is_not_signed_by_default(client, forum, writer):
    topic = create_topic(forum=forum, poster=writer)
    client.force_login(writer)

    html = client.get(
        reverse("forum_conversation:post_create", args=[forum.slug, forum.pk, topic.slug, topic.pk])
    ).content.decode()

    assert "checked" not in signature_box(html)


def test_a_new_topic_is_not_signed_by_default(client, forum, writer):
    client.force_login(writer)

    html = client.get(
        reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk])
    ).content.decode()

    assert "checked" not in signature_box(html)


def test_the_topic_form_carries_the_editor_its_endpoints_and_labels(client, forum, writer):
    client.force_login(writer)

    html = client.get(
        reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk])
    ).content.decode()

    assert "js/editor.js" in html
    assert 'data-label-bold="Negrita"' in html  # the writer reads the site in Spanish
    assert f'data-preview-url="{preview_url(forum)}"' in html
    assert f'data-mentions-url="{mentions_url(forum)}"' in html
