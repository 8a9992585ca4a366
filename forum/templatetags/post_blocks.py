"""The parts of a post a page shows, written in Python rather than with template includes.

A topic page renders each post's block (subject, byline, translation label, themes, text,
signature, edit note and poster card) the first time a reader of its language sees it; it
is kept afterwards (forum/post_fragments.py). Built from includes, `blocktrans` and filters,
that first render cost about 0.6 ms a post, most of a page's work when nobody had read it
yet; the same HTML written here costs a fraction of it. The partial templates other pages
include (`post_version.html`, `post_translation_label.html`, `partials/avatar.html`) call
the same functions, so each piece of markup is written once.

Everything a member wrote, and every engine's output, is escaped here unless it is already
safe HTML (a post's text, rendered by machina and sanitised when it was saved).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.template.base import render_value_in_context
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext, pgettext

from courses.templatetags.vocabulary import term_tags
from members.templatetags.member_names import member_name

from .topic_participants import avatar_tone, initials

register = template.Library()

HIDDEN = SafeString(" hidden")  # the attribute on the version a reader does not see
HARVEST_HINT = gettext_noop(
    "You selected the translation: a passage is harvested from the post as written."
)


def _value(value: Any, context: template.Context) -> str:
    """A value as `{{ value }}` renders it (dates in the reader's zone and format, escaped)."""
    return render_value_in_context(value, context)


def _ours(words: str) -> SafeString:
    """Our own translated words, written as `{% translate %}` writes them: as they are."""
    return mark_safe(words)  # noqa: S308 -- from our catalogues, not from a member


def _forum_profile(user: Any) -> Any:
    try:
        return user.forum_profile
    except ObjectDoesNotExist:  # no forum profile yet
        return None


@register.simple_tag
def post_version(shown: Any, original: Any, translated: Any) -> SafeString:
    """One text of a post in both versions: the page shows one, the toggle swaps them."""
    if not shown.has_translation:
        return conditional_escape(original)
    return format_html(
        '<span data-version="translation" lang="{}"{}>{}</span>'
        '<span data-version="original"{}{}>{}</span>',
        shown.target,
        HIDDEN if shown.showing_original else "",
        translated,
        format_html(' lang="{}"', shown.language) if shown.language else "",
        "" if shown.showing_original else HIDDEN,
        original,
    )


def translation_label(shown: Any, *, can_edit: bool, path: str) -> SafeString:
    """What the reader sees above a post's text: machine-translated, reviewed, pending,
    failed or in another language, with the link to the original (and, for a translator,
    to correct the translation); or the language it is written in. `path`: the page the
    translator's link comes back to."""
    if shown.state == "original":
        if not shown.language:
            return SafeString("")
        return format_html(
            '<p class="post-language">{}</p>', _with_language(_("Written in %(language)s"), shown)
        )
    parts = [
        format_html(
            '<span class="translation-label__text" data-version="translation"{}>{}</span>',
            HIDDEN if shown.showing_original else "",
            shown.label,
        )
    ]
    if shown.has_translation:
        shows, hides = _ours(_("Show original")), _ours(_("Show translation"))
        parts.append(
            format_html(
                '<span class="translation-label__text" data-version="original"{}>{}</span> '
                '<a class="translation-toggle" href="{}" data-toggle-original '
                'data-label-original="{}" data-label-translation="{}">{}</a>',
                "" if shown.showing_original else HIDDEN,
                _with_language(_("Original in %(language)s"), shown),
                shown.toggle_url,
                shows,
                hides,
                hides if shown.showing_original else shows,
            )
        )
    if can_edit and shown.translation_id:
        url = reverse("translation_edit", args=[shown.translation_id])
        parts.append(
            format_html(
                '<a class="translation-edit" href="{}?next={}%23{}"{}>{}</a>',
                url,
                quote(path, safe="/"),
                shown.post.pk,
                mark_safe(' data-translation-edit aria-expanded="false"')  # noqa: S308
                if shown.has_translation
                else "",
                _ours(_("Edit translation")),
            )
        )
    return format_html(
        '<p class="translation-label translation-label--{}">{}</p>',
        shown.state,
        mark_safe(" ".join(parts)),  # noqa: S308 -- each part built by format_html
    )


def _with_language(sentence: str, shown: Any) -> SafeString:
    """A translated sentence naming the post's language, as `blocktranslate` renders it: the
    sentence as it is, the language's name escaped."""
    return mark_safe(sentence % {"language": conditional_escape(shown.language_name)})  # noqa: S308


@register.simple_tag(takes_context=True)
def post_translation_label(context: template.Context, shown: Any) -> SafeString:
    request = context.get("request")
    return translation_label(
        shown,
        can_edit=bool(context.get("can_edit_translations")),
        path=request.get_full_path() if request is not None else "",
    )


@register.simple_tag
def avatar(
    profile: Any, member: Any = None, show_placeholder: bool = False, size: str = ""
) -> SafeString:
    """machina's avatar; without a picture, the member's initials on a colour of their own
    (as Discourse shows them), and their name for screen readers and the links around it."""
    person = member or getattr(profile, "user", None)
    name = member_name(person) if person else ""
    size_class = format_html(" avatar--{}", size) if size else ""
    picture = getattr(profile, "avatar", None)
    if picture:
        return format_html(
            '<img class="avatar{}" src="{}" alt="{}" />', size_class, picture.url, name
        )
    if not show_placeholder:
        return SafeString("")
    return format_html(
        '<span class="avatar empty avatar--initials{}{}"{}><span aria-hidden="true">{}</span>'
        '<span class="visually-hidden">{}</span></span>',
        size_class,
        format_html(" avatar--tone-{}", avatar_tone(person)) if person else "",
        format_html(' title="{}"', name) if person else "",
        initials(person) if person else "?",
        name,
    )


@register.simple_tag(takes_context=True)
def post_head(
    context: template.Context, shown: Any, topic_url: str, poster_url: str, harvesting: bool
) -> SafeString:
    """The kept top of a post's block: subject, byline and badges, translation label,
    themes and the text."""
    post = shown.post
    subject = post_version(shown, shown.subject, shown.translated_subject)
    created = _value(post.created, context)
    if post.poster is not None:
        byline = _('By: <a href="%(poster_url)s">%(username)s</a> on %(creation_date)s') % {
            "poster_url": conditional_escape(poster_url),
            "username": conditional_escape(member_name(post.poster)),
            "creation_date": created,
        }
        badges = [
            format_html(
                '&nbsp;<span class="badge badge-info role-badge role-badge--{}">{}</span>',
                role.value,
                capfirst(role.label),
            )
            for role in getattr(post, "course_roles", ())
        ]
        if getattr(post, "is_late", False):
            badges.append(
                format_html(
                    '&nbsp;<span class="badge badge-warning post-late">{}</span>',
                    _ours(_("late")),
                )
            )
        if harvesting and getattr(post, "puentes_harvested", False):
            badges.append(
                format_html(
                    '&nbsp;<span class="badge badge-success post-harvested" data-harvested>'
                    "{}</span>",
                    _ours(pgettext("a post with passages in the harvest", "harvested")),
                )
            )
        if badges:  # after a space, as the template that wrote them left one
            byline += " " + "".join(badges)
    else:
        byline = _("By: %(poster_username)s on %(creation_date)s") % {
            "poster_username": conditional_escape(post.username),
            "creation_date": created,
        }
    return format_html(
        '<h2 class="m-0 subject" data-post-subject>{} &nbsp;<a href="{}?post={}#{}">&#182;</a>'
        '</h2> <p><small class="text-muted"><i class="fas fa-clock"></i>&nbsp; {}</small></p> '
        '{} {} <div class="post-content" data-post-content>{}</div>',
        subject,
        topic_url,
        post.pk,
        post.pk,
        mark_safe(byline),  # noqa: S308 -- its values escaped above, the rest our markup
        post_translation_label(context, shown),
        term_tags(getattr(post, "puentes_tag_names", None) or []),
        post_version(shown, shown.html, shown.translated_html),
    )


@register.simple_tag(takes_context=True)
def post_foot(context: template.Context, shown: Any, poster_url: str) -> SafeString:
    """The kept bottom of a post's block: signature, edit note, and the poster's card (the
    end of the text's column and the start of the sidebar's)."""
    post = shown.post
    parts = []
    profile = _forum_profile(post.poster) if post.poster is not None else None
    signature = getattr(profile, "signature", None)
    if post.enable_signature and signature:
        parts.append(
            format_html(
                '<div class="post-signature">{}</div>', conditional_escape(signature.rendered)
            )
        )
    if post.updates_count:
        if post.updated_by_id:
            by = format_html(
                '{}&nbsp;<a href="{}">{}</a>&nbsp;',
                _ours(_("Last edited by:")),
                reverse("forum_member:profile", args=[post.updated_by_id]),
                member_name(post.updated_by),
            )
        else:
            by = format_html("{}&nbsp;", _ours(_("Updated")))
        count = ngettext(
            "edited %(counter)s time in total.",
            "edited %(counter)s times in total.",
            post.updates_count,
        ) % {"counter": _value(post.updates_count, context)}
        reason = (
            format_html(
                '<br /><small class="text-muted"><b>{}</b>&nbsp;{}</small>',
                _ours(_("Reason:")),
                post.update_reason,
            )
            if post.update_reason
            else ""
        )
        parts.append(
            format_html(
                '<div class="mt-4 edit-info"><small class="text-muted"><i class="fas fa-edit"></i>'
                "&nbsp;{}{}&nbsp;{}, {}</small>{}</div>",
                by,
                _ours(_("on")),
                mark_safe(_value(post.updated, context)),  # noqa: S308 -- escaped by _value
                mark_safe(count),  # noqa: S308 -- a number in our text
                reason,
            )
        )
    parts.append(mark_safe('</div><div class="col-md-2 d-none d-md-block post-sidebar">'))
    if post.poster is not None:
        parts.append(
            format_html(
                '<div class="avatar"><a href="{}">{}</a></div>'
                '<div class="username"><a href="{}"><b>{}</b></a></div>',
                poster_url,
                avatar(profile, post.poster, show_placeholder=True),
                poster_url,
                member_name(post.poster),
            )
        )
    else:
        parts.append(
            format_html(
                '<div class="username"><b>{}</b></div><div class="username text-muted">{}</div>',
                post.username,
                _ours(_("Anonymous user")),
            )
        )
    return mark_safe("".join(parts))  # noqa: S308 -- each part built by format_html


@register.simple_tag(takes_context=True)
def post_controls(
    context: template.Context,
    shown: Any,
    forum: Any,
    topic: Any,
    user_can_reply: bool,
    answerable: Any,
    harvesting: bool,
) -> SafeString:
    """The buttons beside a post for this reader: answer the question, quote, harvest, edit,
    delete (edit and delete asked of the request's permission handler)."""
    post = shown.post
    request = context["request"]
    handler = request.forum_permission_handler
    places = (forum.slug, forum.pk, topic.slug, topic.pk)
    buttons = []
    if user_can_reply:
        reply_url = reverse("forum_conversation:post_create", args=places)
        if post.pk in answerable:
            buttons.append(
                format_html(
                    '<a href="{}?quote={}" class="btn btn-primary btn-sm post-answer" '
                    'data-answer-question><i class="fas fa-reply" aria-hidden="true"></i>'
                    "&nbsp;{}</a>",
                    reply_url,
                    post.pk,
                    _ours(_("Answer this question")),
                )
            )
        name = conditional_escape(member_name(post.poster) or post.username)
        buttons.append(
            format_html(
                '<a href="{}?quote={}" class="btn btn-secondary btn-sm post-quote" data-quote-post '
                'aria-label="{}"><i class="fas fa-quote-left" aria-hidden="true"></i>&nbsp;{}</a>',
                reply_url,
                post.pk,
                mark_safe(_("Quote %(name)s's post") % {"name": name}),  # noqa: S308
                _ours(pgettext("quote a post in a reply", "Quote")),
            )
        )
    if harvesting:
        buttons.append(
            format_html(
                '<a href="{}" class="btn btn-secondary btn-sm post-harvest" data-harvest-post '
                'data-label-passage="{}" data-label-original="{}" data-hint-original="{}">'
                '<i class="fas fa-seedling" aria-hidden="true"></i>&nbsp;{}</a>',
                reverse("proceedings:harvest_post", args=[post.pk]),
                _ours(_("Harvest this passage")),
                _ours(_("Harvest from the original")),
                _ours(_(HARVEST_HINT)),
                _ours(pgettext("harvest a passage for the proceedings", "Harvest")),
            )
        )
    if handler.can_edit_post(post, request.user):
        edit = _ours(_("Edit"))
        url = (
            reverse("forum_conversation:topic_update", args=places)
            if post.is_topic_head
            else reverse("forum_conversation:post_update", args=[*places, post.pk])
        )
        buttons.append(
            format_html(
                '<a href="{}" class="btn btn-warning btn-sm" title="{}"><i class="fas fa-edit"></i>'
                "&nbsp;{}</a>",
                url,
                edit,
                edit,
            )
        )
    if handler.can_delete_post(post, request.user):
        buttons.append(
            format_html(
                '<a href="{}" class="btn btn-danger btn-sm" title="{}">'
                '<i class="fas fa-times"></i></a>',
                reverse("forum_conversation:post_delete", args=[*places, post.pk]),
                _ours(_("Delete")),
            )
        )
    return format_html(
        '<div class="float-right post-controls">\n{}\n</div>',
        mark_safe("\n".join(buttons)),  # noqa: S308 -- each built by format_html
    )
