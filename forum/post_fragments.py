"""The key of a post's rendered block on a topic page: a digest of everything it shows.

A topic page renders each post's subject, byline, translation label, tags, text, signature,
edit note and poster card in the reader's language: most of the page's work, and the same
for every reader who sees the same things. `templates/forum_conversation/topic_detail.html`
keeps those fragments in the "fragments" cache (each web process's memory) under this key.
The key is made of the values the fragments show, not of ids and dates that a change might
not touch: a new translation, an edit, another display name, role, tag or avatar, the
reader's language and time zone, a link that depends on who reads (a profile the reader may
open, the original shown) all make another key, so no change needs to forget a fragment.
The poster's post count is rendered outside the blocks: it changes with each of their posts,
which would otherwise make every block of an active poster new.

What varies with the reader's rights stays outside the fragments (the reply, quote, edit and
delete buttons, the attachments), and so does the translator's "Edit translation" link.

The page's whole list of posts (the blocks and those controls) is kept too, in the
"post_lists" cache, under `post_list_key`: the blocks' keys and what the controls show this
reader (their rights on each post, asked of the permission handler as the template does),
so the next reader with the same rights on the same posts gets it without rendering.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language

from courses.templatetags.vocabulary import term_tags
from members.templatetags.member_names import member_name


def post_fragment_key(
    shown: Any,
    *,
    forum: Any,
    topic: Any,
    harvesting: bool,
    poster_url: str,
    editing_path: str = "",
) -> str:
    """`poster_url`: the link on the poster's name for this reader (the directory's
    `profile_url`, a layer above the forum); `editing_path`: for a translator, the page
    their "Edit translation" link comes back to."""
    post = shown.post
    poster = post.poster
    profile = getattr(poster, "forum_profile", None) if poster is not None else None
    signature = getattr(profile, "signature", None) if profile is not None else None
    avatar = getattr(profile, "avatar", None) if profile is not None else None
    values = (
        editing_path,
        get_language(),
        timezone.get_current_timezone_name(),
        (forum.pk, forum.slug, topic.pk, topic.slug, topic.first_post_id),
        tuple(
            getattr(shown, field.name)
            for field in dataclasses.fields(shown)
            if field.name != "post"
        ),
        (
            post.pk,
            post.created.isoformat(),
            post.updated.isoformat() if post.updated else "",
            post.updates_count,
            post.update_reason,
            post.enable_signature,
            post.username,
            post.updated_by_id,
            member_name(post.updated_by) if post.updated_by_id else "",
        ),
        (
            getattr(poster, "pk", None),
            member_name(poster),
            poster_url,
            getattr(signature, "raw", None),
            getattr(avatar, "name", None),
        ),
        tuple((role.value, str(role.label)) for role in getattr(post, "course_roles", ())),
        bool(getattr(post, "is_late", False)),
        bool(harvesting and getattr(post, "puentes_harvested", False)),
        str(term_tags(getattr(post, "puentes_tag_names", None) or [])),
    )
    return hashlib.sha256(repr(values).encode()).hexdigest()


def post_list_key(
    shown_posts: list[Any],
    *,
    forum: Any,
    handler: Any,
    user: Any,
    harvesting: bool,
    answerable: set[int],
    user_can_reply: bool,
) -> str:
    """The key of a topic page's whole list of posts: each post's block key (above), and
    what the controls beside it show this reader: reply and quote, "Answer this question",
    "Harvest", edit and delete (asked of the permission handler, as the template's tags do),
    and the attachments with whether the reader may download them."""
    posts = [shown.post for shown in shown_posts]
    values = (
        tuple(getattr(shown, "fragment_key", "") for shown in shown_posts),
        # Beside each block, outside it: the poster's post count.
        tuple(_posts_count(post) for post in posts),
        user_can_reply,
        harvesting,
        tuple(sorted(answerable)),
        tuple(
            (handler.can_edit_post(post, user), handler.can_delete_post(post, user))
            for post in posts
        ),
        handler.can_download_files(forum, user),
        tuple(
            tuple(
                (attachment.pk, attachment.file.name, attachment.comment)
                for attachment in post.attachments.all()
            )
            for post in posts
        ),
    )
    return hashlib.sha256(repr(values).encode()).hexdigest()


def _posts_count(post: Any) -> int | None:
    profile = getattr(post.poster, "forum_profile", None) if post.poster is not None else None
    return getattr(profile, "posts_count", None)
