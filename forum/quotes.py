"""Quoting a post in a reply (`?quote=<post id>` on the reply URL; machina 1.3.1 has none).

The reply form opens with the quoted post's Markdown, as its author wrote it, as a
blockquote under the author's display name; a quoted question is also the one a key
respondent's reply answers (forum.questions). Only a post the reader may see can be quoted:
one of the topic's approved posts, not an answer hidden until the reader has posted
(forum.independent); anything else is a 404, as an unknown post would be.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.http import Http404
from django.utils.translation import gettext as _
from machina.core.db.models import get_model

from members.templatetags.member_names import member_name

from . import independent

Post: Any = get_model("forum_conversation", "Post")

#: What would end or change "**name**" inside a line: the rest of a name stays as written.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>~])")


def quotable_post(topic, quote: str | None, user: User | AnonymousUser):
    """The post of `topic` that `user` asks to quote, None when they ask for none."""
    if quote is None:
        return None
    if not re.fullmatch(r"[0-9]{1,18}", quote):
        raise Http404
    posts = independent.without_hidden_answers(topic.posts.filter(approved=True), user)
    post = posts.select_related("poster").filter(pk=int(quote)).first()
    if post is None:
        raise Http404
    return post


def quotation(post) -> str:
    """The post's Markdown as a blockquote, opened by "**Name** wrote:", then a blank line
    for the reply."""
    name = member_name(post.poster) if post.poster else (post.username or _("Anonymous"))
    heading = _("**%(name)s** wrote:") % {"name": _MARKDOWN_SPECIAL.sub(r"\\\1", name)}
    text = str(getattr(post.content, "raw", post.content) or "")
    lines = [heading, *text.strip().splitlines()]
    return "\n".join(f"> {line}".rstrip() for line in lines) + "\n\n"
