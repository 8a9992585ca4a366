"""markdown2's safe_mode bypasses, and a few more: none may reach the page."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from forum.markdown import render_markdown

BYPASS_PAYLOADS = [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](jav&#x09;ascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[a](vbscript:msgbox(1))",
    "<!-- <script>alert(1)</script> -->",
    "<!-- --><script>alert(1)</script><!-- -->",
    '<iframe src="https://evil.example"></iframe>',
    '<img src=x onerror="alert(1)">',
    '![x](x" onerror="alert(1))',
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "[x](<javascript:alert(1)>)",
    "<javascript:alert(1)>",
    '<p onmouseover="alert(1)">hover</p>',
    "```\n</code><script>alert(1)</script>\n```",
    "[x]: javascript:alert(1)\n\n[link][x]",
]


URL_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


class ElementCollector(HTMLParser):
    """The tags and attributes a browser would build from the HTML (text is harmless)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))


def parse_elements(html: str) -> list[tuple[str, dict[str, str]]]:
    collector = ElementCollector()
    collector.feed(html)
    return collector.elements


@pytest.mark.parametrize("payload", BYPASS_PAYLOADS)
def test_known_markdown_xss_payloads_are_neutralised(payload):
    elements = parse_elements(render_markdown(payload))

    for tag, attributes in elements:
        assert tag not in {"script", "iframe", "svg", "object", "embed", "style", "div"}
        for name, value in attributes.items():
            assert not name.startswith("on"), (tag, name)
            assert name != "style"
            if name in {"href", "src"}:
                # A browser drops tabs and newlines before it reads the scheme.
                match = URL_SCHEME.match(re.sub(r"[\t\n\r]", "", value).strip())
                scheme = match.group(1).lower() if match else ""
                assert scheme in {"", "http", "https", "mailto"}, (tag, name, value)


def test_ordinary_markdown_renders_links_emphasis_code_and_quotes():
    html = render_markdown(
        "Hola **mundo** y *todos*.\n\n> cita\n\n- uno\n- dos\n\n`code` [web](https://example.org)"
    )

    assert "<strong>mundo</strong>" in html
    assert "<em>todos</em>" in html
    assert "<blockquote>" in html
    assert "<li>uno</li>" in html
    assert "<code>code</code>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="nofollow noopener noreferrer ugc"' in html


def test_raw_html_is_shown_as_text_not_interpreted():
    html = render_markdown("<b>bold?</b>")

    assert "&lt;b&gt;bold?&lt;/b&gt;" in html


def test_empty_post_renders_empty():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


def test_machina_renders_posts_through_our_sanitiser():
    from machina.conf import settings as machina_settings

    assert machina_settings.MARKUP_LANGUAGE[0] == "forum.markdown.render_markdown"
