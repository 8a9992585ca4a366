"""The Content-Security-Policy: every site page forbids inline code, and the site's markup
has none to forbid; only the admins' paths get the allowances their own scripts need."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from machina.core.db.models import get_model
from machina.test.factories import PostFactory, create_topic

from courses.models import Role
from tests.factories import UserFactory
from tests.forum.helpers import course_forum, grant, member, topic_url

pytestmark = pytest.mark.django_db

TopicPoll = get_model("forum_polls", "TopicPoll")
TopicPollOption = get_model("forum_polls", "TopicPollOption")

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Script elements that hold data, which browsers never run (and CSP does not govern).
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json", "text/template"}


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


class InlineCode(HTMLParser):
    """Whatever in a page a strict policy refuses: inline scripts, handlers, styles."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_inline_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and "src" not in names:
            self._in_inline_script = (names.get("type") or "") not in DATA_SCRIPT_TYPES
        if tag == "style":
            self.found.append("<style> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            elif name == "style":
                self.found.append(f"<{tag} style={value!r}>")
            elif (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_data(self, data: str) -> None:
        if self._in_inline_script and data.strip():
            self.found.append(f"<script>{data.strip()[:60]}…</script>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_inline_script = False


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


@pytest.fixture
def discussion():
    """A course forum with a topic that has a poll, its moderator (the organizer) and a
    participant."""
    forum = course_forum()
    organizer, participant = member("en"), member("es")
    grant(organizer, forum, Role.ORGANIZER)
    grant(participant, forum)
    topic = create_topic(forum=forum, poster=participant)
    PostFactory(topic=topic, poster=participant, content="Las cooperativas.")
    poll = TopicPoll.objects.create(topic=topic, question="¿Crédito?", max_options=1)
    TopicPollOption.objects.create(poll=poll, text="Sí")
    return forum, topic, organizer, participant


def test_site_pages_carry_a_policy_that_runs_no_inline_script_or_style(client, home_page):
    response = client.get("/")

    directives = policy(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert "'unsafe-eval'" not in directives.get("default-src", [])


def test_forum_pages_carry_the_site_policy_for_signed_in_members(client, discussion):
    forum, topic, organizer, _participant = discussion
    client.force_login(organizer)

    for url in (reverse("forum:index"), topic_url(topic)):
        directives = policy(client.get(url))
        assert "'unsafe-inline'" not in directives["script-src"], url
        assert "'unsafe-inline'" not in directives["style-src"], url


def test_only_the_admins_paths_allow_inline_scripts(client, home_page):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)

    admin = client.get(reverse("wagtailadmin_home"))
    django_admin = client.get(reverse("admin:index"))
    site = client.get("/")

    assert admin.status_code == django_admin.status_code == 200
    assert "'unsafe-inline'" in policy(admin)["script-src"]
    assert "'unsafe-inline'" in policy(django_admin)["script-src"]
    assert "'unsafe-inline'" not in policy(site)["script-src"]


def test_no_template_of_ours_has_an_inline_script_handler_or_style():
    found = {}
    for template in sorted(TEMPLATES.rglob("*.html")):
        if "email" in template.relative_to(TEMPLATES).parts:
            continue  # HTML emails are read in mail clients, which want inline styles
        if "pdf" in template.relative_to(TEMPLATES).parts:
            continue  # laid out by WeasyPrint into a PDF, never served to a browser
        source = template.read_text()
        # Comments may talk about scripts; the template tags' own quotes are no markup.
        source = re.sub(r"{% comment %}.*?{% endcomment %}|{#.*?#}", "", source, flags=re.S)
        source = re.sub(r"{[{%].*?[%}]}", "x", source, flags=re.S)
        if problems := inline_code(source):
            found[str(template.relative_to(TEMPLATES))] = problems

    assert not found, f"inline code the Content-Security-Policy refuses: {found}"


def test_forum_pages_render_no_inline_code_for_a_moderator_or_an_author(client, discussion):
    """machina's templates too: the moderation menu and the poll results had style
    attributes, the board's scripts an inline start."""
    forum, topic, organizer, participant = discussion
    pages = {
        organizer: [reverse("forum:index"), topic_url(topic)],
        participant: [
            topic_url(topic),
            reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk]),
            reverse(
                "forum_conversation:post_create",
                args=[forum.slug, forum.pk, topic.slug, topic.pk],
            ),
        ],
    }
    found = {}
    for person, urls in pages.items():
        client.force_login(person)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            if problems := inline_code(response.content.decode()):
                found[f"{person.username} {url}"] = problems

    assert not found, found
    client.force_login(organizer)
    topic_page = client.get(topic_url(topic)).content.decode()
    assert "moderation-dropdown" in topic_page  # the moderation menu was rendered
    assert "<progress" in topic_page  # and the poll's results


def test_the_post_and_topic_forms_load_the_forum_scripts(client, discussion):
    """machina's forms fill `extra_js` with their media: that must not drop the board's
    scripts (the Bootstrap tabs of the form, the "add another attachment" button)."""
    forum, topic, _organizer, participant = discussion
    client.force_login(participant)

    for url in (
        reverse("forum_conversation:topic_create", args=[forum.slug, forum.pk]),
        reverse(
            "forum_conversation:post_create", args=[forum.slug, forum.pk, topic.slug, topic.pk]
        ),
    ):
        html = client.get(url).content.decode()
        assert "js/machina.packages.min.js" in html, url
        assert "js/board.js" in html, url
