"""A notice as its reader sees it: a headline in their interface language, the subject or
page it is about in their reading language, with its provenance label, and where it leads.

Texts are never stored with the notice: they are read when shown, through the same
machinery as the site's pages (`translations.display` for posts, `translations.shown_texts`
for pages), so the centre, an email and a digest say what the site says. `render_notices`
takes a fixed number of queries for any number of notices.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import get_language, gettext, ngettext
from machina.core.db.models import get_model
from wagtail.models import Page

from forum.discussion import post_url
from members.templatetags.member_names import member_name
from translations.display import ShownPost, reader_languages, shown_posts
from translations.models import PostTranslation, TextSource
from translations.shown_texts import ObjectTexts, ShownText, texts_of

from . import community_notices, project_notices
from .alert_texts import alert_headline, alert_names
from .models import Event, Notice

Post: Any = get_model("forum_conversation", "Post")
User: Any = get_user_model()

MARKDOWN = TextSource.Kind.MARKDOWN
#: A page's text quoted under its title, the first it has of these.
PAGE_EXCERPT_FIELDS = ("summary", "abstract", "theme", "introduction")


@dataclass
class RenderedNotice:
    #: What happened, in the active interface language ("Ana Pérez replied to your post").
    headline: str
    #: The topic's subject or the page's title, in the reader's reading language.
    title: ShownText | None
    #: The post's text (Markdown) or the page's summary; None for events with no text.
    excerpt: ShownText | None
    #: Where on the site: the exact post (with its anchor) or the page.
    path: str
    #: The provenance of what is quoted ("" when shown as written).
    label: str
    #: The notice rendered (for its time and whether it was read).
    notice: Notice | None = None


def label_of(text: ShownText | None) -> str:
    """The label the site would put on this text ("Machine-translated from Spanish"...)."""
    if text is None:
        return ""
    return str(ObjectTexts(obj=None, texts={"text": text}).label)


def _headline(notice: Notice, actor: Any, names: dict | None = None) -> str:
    name = member_name(actor) if actor is not None else ""
    data = notice.data or {}
    event = notice.event
    if event == Event.ALERT:  # alerts: the content's themes and region (alert_texts)
        return alert_headline(notice, names or {})
    if event in project_notices.EVENTS:  # offers of help on projects
        return project_notices.headline(notice, name)
    if event in community_notices.EVENTS:  # communities: proposals, joining, bridges
        return community_notices.headline(notice, name)
    if event == Event.TRANSLATION_FAILED:
        count = int(data.get("count") or 1)
        return ngettext(
            "%(count)d translation failed after every retry",
            "%(count)d translations failed after every retry",
            count,
        ) % {"count": count}
    if event == Event.APPLICATION_DECIDED:
        decision = data.get("status", "")  # the application's status (notifications.receivers)
        if decision == "accepted":
            return gettext("Your application was accepted")
        if decision in ("declined", "rejected"):
            return gettext("Your application was not accepted")
        return gettext("Your application was decided")
    with_actor: dict[str, str] = {
        Event.NEW_POST: gettext("%(name)s wrote in a discussion you follow"),
        Event.REPLY: gettext("%(name)s replied to your post"),
        Event.MENTION: gettext("%(name)s mentioned you"),
        Event.QUESTION: gettext("%(name)s asked you a question"),
        Event.ANSWER: gettext("%(name)s answered your question"),
        Event.CASE_STUDY: gettext("%(name)s published a case study in your course"),
        Event.APPLICATION: gettext("%(name)s applied to your course"),
        Event.CASE_STUDY_REVIEW: gettext("%(name)s submitted a case study for review"),
    }
    without_actor: dict[str, str] = {
        Event.NEW_POST: gettext("New post in a discussion you follow"),
        Event.REPLY: gettext("New reply to your post"),
        Event.MENTION: gettext("You were mentioned"),
        Event.QUESTION: gettext("A question for you"),
        Event.ANSWER: gettext("Your question was answered"),
        Event.CASE_STUDY: gettext("A case study was published in your course"),
        Event.WEEK_OPENS: gettext("A new week opens"),
        Event.WEEK_CLOSING: gettext("This week closes soon: add your voice"),
        Event.APPLICATION: gettext("A new application to your course"),
        Event.CASE_STUDY_REVIEW: gettext("A case study is waiting for review"),
        Event.APPLICATION_RECEIVED: gettext("Your application was received"),
        Event.ALERT: gettext("New content on your themes or territories"),
    }
    if name and event in with_actor:
        return with_actor[event] % {"name": name}
    if event in without_actor:
        return without_actor[event]
    return str(Event(event).label) if event in Event.values else gettext("Notice")


def _post_texts(
    item: ShownPost, first: ShownPost | None, content: str
) -> tuple[ShownText, ShownText]:
    """The post's text and its topic's subject as shown texts."""
    post = item.post
    raw = getattr(post.content, "raw", "") if post.content is not None else ""
    excerpt = ShownText(
        raw or "",
        kind=MARKDOWN,
        language=item.language,
        state=item.state,
        translated=content,
        target=item.target,
        translation_id=item.translation_id,
    )
    if item.has_translation and not content:
        # A translation without its Markdown (an old row): show what is known, as written.
        excerpt.state = "pending"
    head = first or item
    title = ShownText(
        head.subject,
        kind=MARKDOWN,
        language=head.language,
        state=head.state,
        translated=head.translated_subject,
        target=head.target,
        translation_id=head.translation_id,
    )
    if title.has_translation and not title.translated:
        title.state = "pending"
    return title, excerpt


def _page_texts(page: Page, texts: ObjectTexts) -> tuple[ShownText, ShownText | None]:
    title = texts.get("title", page.title)
    excerpt = next(
        (texts.texts[name] for name in PAGE_EXCERPT_FIELDS if texts.texts.get(name)), None
    )
    if excerpt is not None and not excerpt.original.strip():
        excerpt = None
    return title, excerpt


def _page_path(page: Page) -> str:
    url = page.get_url() or ""
    return url


def render_notices(notices: Iterable[Notice], reader) -> list[RenderedNotice]:
    """Each notice as `reader` sees it, in a fixed number of queries.

    The headline is in the active interface language (wrap the call in
    `translation.override` for an email); the texts in the reader's reading language.
    """
    notices = list(notices)
    if not notices:
        return []
    language, reads = reader_languages(reader, get_language() or "en")

    actor_ids = {n.actor_id for n in notices if n.actor_id}
    actors = (
        {u.pk: u for u in User.objects.filter(pk__in=actor_ids).select_related("puentes_profile")}
        if actor_ids
        else {}
    )

    post_ids = {n.post_id for n in notices if n.post_id}
    posts: dict[int, Any] = {}
    firsts: dict[int, Any] = {}
    shown: dict[int, ShownPost] = {}
    contents: dict[int, str] = {}
    if post_ids:
        posts = {
            p.pk: p
            for p in Post.objects.filter(pk__in=post_ids).select_related("topic", "topic__forum")
        }
        first_ids = {p.topic.first_post_id for p in posts.values()} - set(posts) - {None}
        firsts = {p.pk: p for p in Post.objects.filter(pk__in=first_ids)} if first_ids else {}
        everything: Sequence = [*posts.values(), *firsts.values()]
        shown = {
            item.post.pk: item for item in shown_posts(everything, language=language, reads=reads)
        }
        translated = [item.translation_id for item in shown.values() if item.has_translation]
        if translated:
            contents = dict(
                PostTranslation.objects.filter(pk__in=translated).values_list("post_id", "content")
            )

    names = alert_names(notices, language=language, reads=reads)  # alerts' themes, regions
    projects = project_notices.project_texts(notices, reader, language=language, reads=reads)
    communities = community_notices.community_texts(notices, reader, language=language, reads=reads)

    page_ids = {n.page_id for n in notices if n.page_id and not n.post_id}
    pages: dict[int, Page] = {}
    page_texts: dict[int, ObjectTexts] = {}
    if page_ids:
        found = [page.specific_deferred for page in Page.objects.filter(pk__in=page_ids)]
        pages = {page.pk: page for page in found}
        page_texts = {
            page.pk: texts
            for page, texts in zip(
                found, texts_of(found, language=language, reads=reads), strict=True
            )
        }

    rendered = []
    for notice in notices:
        actor = actors.get(notice.actor_id) if notice.actor_id else None
        title: ShownText | None = None
        excerpt: ShownText | None = None
        path = notice.url
        post = posts.get(notice.post_id) if notice.post_id else None
        page = pages.get(notice.page_id) if notice.page_id else None
        if post is not None:
            item = shown[post.pk]
            first_id = post.topic.first_post_id
            first = shown.get(first_id) if first_id and first_id != post.pk else None
            title, excerpt = _post_texts(item, first, contents.get(post.pk, ""))
            path = post_url(post.topic.forum, post)
        elif page is not None:
            title, excerpt = _page_texts(page, page_texts[page.pk])
            path = notice.url or _page_path(page)
        elif notice.pk in projects:
            title, excerpt = projects[notice.pk]
        elif notice.pk in communities:
            title, excerpt = communities[notice.pk]
        label = label_of(excerpt) or label_of(title)
        rendered.append(
            RenderedNotice(
                headline=_headline(notice, actor, names),
                title=title,
                excerpt=excerpt,
                path=path or "",
                label=label,
                notice=notice,
            )
        )
    return rendered


def render_notice(notice: Notice, reader) -> RenderedNotice:
    return render_notices([notice], reader)[0]
