"""Post rendering for machina: Markdown to HTML, then an allow-list sanitiser.

markdown2's `safe_mode` (machina's default) has been bypassed many times, so the HTML that
markdown-it-py produces is always passed through nh3 (ammonia) before it reaches a page.
Engine output goes through the same function: a translation is as untrusted as a post.
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "code": {"class"},
    "th": {"align"},
    "td": {"align"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# Raw HTML in a post is shown as text, never interpreted; nh3 is the second wall.
_parser = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False}).enable(
    ["table", "strikethrough"]
)


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer ugc",
        strip_comments=True,
    )


def render_markdown(text: str | None, **_options: object) -> str:
    """machina's MARKUP_LANGUAGE entry point: it passes its own options, which we ignore."""
    if not text:
        return ""
    return sanitize_html(_parser.render(text)).strip()
