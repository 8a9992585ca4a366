"""What an outbox email says: rendered when sent, in the recipient's languages.

The words around the content are in the recipient's interface language (their profile's);
the post or page it quotes is in their reading language, exactly as the site shows it
(`notifications.rendering`), with its provenance label, or, when its translation was not
ready in time, the original with a note saying so. Content is untrusted: the plain-text
part carries it as written, the HTML part through the forum's Markdown renderer and its
nh3 allow-list, and every link is absolute on the configured site address
(`members.emails.site_url`), never on a request's host.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forum.markdown import render_markdown, sanitize_html
from members.emails import site_url
from members.languages import LANGUAGE_NAMES
from members.profiles import get_profile
from translations.models import TextSource

from .models import Email, Notice
from .preferences import muted_notice_ids

UNSUBSCRIBE_SALT = "notifications.unsubscribe"


@dataclass
class QuotedText:
    """A post's or page's text as one reader gets it in an email."""

    text: str
    html: SafeString
    label: str
    #: Set when the translation was not ready: "…here is the original in Spanish".
    note: str = ""
    language: str = ""


@dataclass
class EmailItem:
    """One notice as an email shows it."""

    headline: str
    title: str
    excerpt: QuotedText | None
    url: str


def interface_language(user) -> str:
    profile = get_profile(user)
    language = profile.preferred_language if profile else ""
    return language if language in LANGUAGE_NAMES else settings.LANGUAGE_CODE[:2]


def unsubscribe_token(user, scope: str = "all") -> str:
    """Signed, so the link needs no login: the user's id and what to stop ("all",
    "forum:<id>" or "topic:<id>")."""
    return signing.dumps({"u": user.pk, "s": scope}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(user, scope: str = "all") -> str:
    return site_url(
        reverse("notifications_delivery:unsubscribe", args=[unsubscribe_token(user, scope)])
    )


def preferences_url() -> str:
    try:
        return site_url(reverse("notifications:preferences"))
    except NoReverseMatch:  # the centre's pages not wired in this build
        return site_url("/")


def quoted(shown: Any, *, untranslated: bool) -> QuotedText:
    """``shown`` (a translations.shown_texts.ShownText) as the email quotes it.

    ``untranslated``: the email stopped waiting for a translation that is not ready, so
    the text goes out as written, saying so.
    """
    text = shown.shown or ""
    if getattr(shown, "kind", TextSource.Kind.MARKDOWN) == TextSource.Kind.HTML:
        html = SafeString(sanitize_html(text))
        plain = " ".join(strip_tags(html).split())
    else:
        html = SafeString(render_markdown(text))
        plain = text
    language = shown.target if shown.has_translation and not shown.showing_original else ""
    note = ""
    if untranslated and not shown.has_translation and shown.state in ("pending", "original"):
        name = LANGUAGE_NAMES.get(shown.language or "", "")
        note = (
            _("The translation was not ready; here is the original in %(language)s.")
            % {"language": name}
            if name
            else _("The translation was not ready; here is the original.")
        )
    label = "" if note else str(label_of(shown))
    return QuotedText(
        text=plain, html=html, label=label, note=note, language=language or shown.language or ""
    )


def label_of(shown: Any) -> str:
    """The provenance label of one text, as the site words it."""
    from translations.shown_texts import ObjectTexts

    if shown.state == "original":
        return ""
    return str(ObjectTexts(None, texts={"text": shown}).label)


def title_of(rendered: Any) -> str:
    title = rendered.title
    return (title.shown or "") if title is not None else ""


def item_of(rendered: Any, *, untranslated: bool = False) -> EmailItem:
    excerpt = (
        quoted(rendered.excerpt, untranslated=untranslated)
        if rendered.excerpt is not None
        else None
    )
    return EmailItem(
        headline=str(rendered.headline),
        title=title_of(rendered),
        excerpt=excerpt,
        url=site_url(rendered.path or "/"),
    )


def build_message(
    email: Email, *, subject: str, template: str, context: dict[str, Any], unsubscribe: str
) -> EmailMultiAlternatives:
    """The two parts and the RFC 8058 headers (List-Unsubscribe with one-click POST)."""
    context = {
        **context,
        "preferences_url": preferences_url(),
        "unsubscribe_url": unsubscribe,
        "site_url": site_url("/"),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    text = render_to_string(f"notifications/email/{template}.txt", context)
    html = render_to_string(f"notifications/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[email.recipient.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
            "X-Puentes-Email": email.key,
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def subject_line(headline: str, title: str) -> str:
    if title:
        # French puts a space before the colon: the languages say how the two are joined.
        headline = _("%(headline)s: %(title)s") % {"headline": headline, "title": title}
    subject = f"[{settings.WAGTAIL_SITE_NAME}] {headline}"
    return " ".join(subject.split())[:300]


def notice_message(
    email: Email, notice: Notice, *, untranslated: bool = False
) -> EmailMultiAlternatives:
    """One notice's email. ``untranslated``: it stopped waiting for its translation."""
    from .rendering import render_notice

    reader = email.recipient
    language = interface_language(reader)
    with translation.override(language):
        rendered = render_notice(notice, reader)
        item = item_of(rendered, untranslated=untranslated)
        subject = subject_line(item.headline, item.title)
        return build_message(
            email,
            subject=subject,
            template="notice",
            context={"item": item, "language": language, "subject": subject},
            unsubscribe=unsubscribe_url(reader, "all"),
        )


def digest_notices(email: Email) -> list[Notice]:
    """The notices a digest tells of: unread, written in its period, and about nothing the
    member may no longer read. The checks of `privacy.may_read`, made for all the posts at
    once: queries grow with the forums they are in, not with the number of notices."""
    reader = email.recipient
    notices = list(
        Notice.objects.filter(
            recipient=reader,
            read_at__isnull=True,
            created_at__gte=email.period_start,
            created_at__lt=email.period_end,
        ).order_by("created_at", "pk")
    )
    readable = readable_post_ids(reader, {n.post_id for n in notices if n.post_id})
    muted = muted_notice_ids(reader, notices)  # courses whose emails the member muted
    kept = []
    for notice in notices:
        if notice.pk in muted:
            continue
        if notice.post_id is not None:
            if notice.post_id in readable:
                kept.append(notice)
        elif notice.page_id is not None:
            from .privacy import may_read

            if may_read(reader, page=notice.page):
                kept.append(notice)
        else:
            kept.append(notice)
    return kept


def readable_post_ids(reader, post_ids: set[int]) -> set[int]:
    """Those of the posts the topic page would show ``reader`` (approved, a forum they may
    read, no answer hidden until they post), in forums of courses they still belong to and
    of private communities they are members of."""
    from machina.core.db.models import get_model

    from forum.course_of import course_of_forum
    from forum.models import CommunityOfPractice
    from forum.permission_handler import FreshPermissionHandler
    from forum.permissions import staying_enrollments

    if not post_ids or not reader.is_active:
        return set()
    Post = get_model("forum_conversation", "Post")
    forum_of = dict(
        FreshPermissionHandler()
        .readable_posts(Post.objects.filter(pk__in=post_ids), reader)
        .values_list("pk", "topic__forum_id")
    )
    if reader.is_superuser:
        return set(forum_of)
    allowed = set()
    communities = {
        community.forum_id: community
        for community in CommunityOfPractice.objects.filter(forum_id__in=set(forum_of.values()))
    }
    for forum_id in set(forum_of.values()):
        course = course_of_forum(forum_id)
        if course is not None and not staying_enrollments(course).filter(user=reader).exists():
            continue
        community = communities.get(forum_id)
        if (
            community is not None
            and not community.is_open
            and not community.members.filter(pk=reader.pk).exists()
        ):
            continue
        allowed.add(forum_id)
    return {pk for pk, forum_id in forum_of.items() if forum_id in allowed}


def digest_message(email: Email, notices: list[Notice], *, daily: bool) -> EmailMultiAlternatives:
    """A digest: every notice of its period, rendered in a fixed number of queries."""
    from .rendering import render_notices

    reader = email.recipient
    language = interface_language(reader)
    with translation.override(language):
        # A digest waits for nothing: what is not translated yet is labelled as on the site.
        items = [item_of(rendered) for rendered in render_notices(notices, reader)]
        headline = _("Your daily digest") if daily else _("Your weekly digest")
        count = len(items)
        title = ngettext("%(count)s new notice", "%(count)s new notices", count) % {"count": count}
        subject = subject_line(headline, title)
        return build_message(
            email,
            subject=subject,
            template="digest",
            context={
                "items": items,
                "headline": headline,
                "language": language,
                "subject": subject,
            },
            unsubscribe=unsubscribe_url(reader, "all"),
        )
