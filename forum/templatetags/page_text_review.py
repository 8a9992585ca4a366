"""Where a translator corrects a page's texts: the queue, and in place on the page.

- ``{% page_translations_url texts as url %}``: the review queue narrowed to the page (its
  texts in every language, reviewed ones too).
- ``{% page_text_editing as text_editing %}``, in a page's template: the reader's
  `translations.templatetags.page_texts.TextEditing`, which puts an "Edit" control beside
  every translated text of a page or forum whose course they may translate (the inline
  editor of `static/js/puentes.js`, or without JavaScript the form page, which comes back).
  After the texts, ``{% if text_editing.offered %}`` includes the editor's template.

Both for the translators and organizers of the text's course (`may_translate`, the editor's
own check); nothing for everyone else.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from django import template
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from wagtail.models import Page

from courses.models import CoursePage
from forum import reviewable_texts
from forum.course_of import course_of
from forum.text_review import field_label
from forum.translator_rights import (
    may_translate,
    may_translate_beyond_courses,
    translates_some_course,
)
from translations.shown_texts import ShownText
from translations.templatetags.page_texts import texts_key

register = template.Library()


class PageTextEditing:
    """One reader's rights over the texts of one request's page, each course checked once."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self.user = request.user
        # Someone who translates no course at all costs one query, whatever the page shows.
        self.translates_any = translates_some_course(self.user)
        self._courses: dict[str, CoursePage | None] = {}
        self._rights: dict[int | None, bool] = {}
        #: Whether the page shows any control: then, and only then, it needs the editor.
        self.offered = False

    @classmethod
    def of(cls, request: HttpRequest) -> PageTextEditing:
        """The request's one instance (a page's labels and its texts ask the same question)."""
        editing = request.__dict__.get("_puentes_text_editing")
        if editing is None:
            editing = request.__dict__["_puentes_text_editing"] = cls(request)
        return editing

    @cached_property
    def translates_beyond_courses(self) -> bool:
        return may_translate_beyond_courses(self.user)

    def course(self, obj: Any) -> CoursePage | None:
        key = texts_key(obj)
        if key not in self._courses:
            self._courses[key] = course_of(obj)
        return self._courses[key]

    def may_edit(self, obj: Any) -> bool:
        if not self.translates_any or obj is None:
            return False
        if reviewable_texts.entry_of(obj) is not None:  # a project's, a profile's: no course
            return self.translates_beyond_courses
        course = self.course(obj)
        key = course.pk if course is not None else None
        if key not in self._rights:
            self._rights[key] = may_translate(self.user, course)
        return self._rights[key]

    def control(self, obj: Any, field: str, shown: ShownText) -> SafeString:
        """A link to the form page, coming back here; the inline editor's handle."""
        self.offered = True
        names = {"text": field_label(obj, field)}
        name = _("Edit translation: %(text)s") % names
        reviewed_name = _("Edit translation: %(text)s (reviewed by a translator)") % names
        url = reverse("text_translation_edit", args=[shown.translation_id])
        query = urlencode({"next": self.request.get_full_path()})
        is_reviewed = shown.state == "reviewed"
        return format_html(
            '<a class="text-edit{}" href="{}?{}" data-text-edit="{}" data-texts-of="{}" '
            'data-label-reviewed="{}" aria-label="{}" title="{}">{}</a>',
            " text-edit--reviewed" if is_reviewed else "",
            url,
            query,
            shown.translation_id,
            texts_key(obj),
            reviewed_name,
            reviewed_name if is_reviewed else name,
            reviewed_name if is_reviewed else name,
            _("Edit"),
        )


@register.simple_tag(takes_context=True)
def page_text_editing(context) -> PageTextEditing | None:
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return None
    editing = PageTextEditing.of(request)
    return editing if editing.translates_any else None


@register.simple_tag(takes_context=True)
def page_translations_url(context, texts) -> str:
    request = context.get("request")
    page = getattr(texts, "obj", None)
    if request is None or not request.user.is_authenticated or not isinstance(page, Page):
        return ""
    editing = PageTextEditing.of(request)
    if not editing.may_edit(page) or editing.course(page) is None:
        return ""
    return f"{reverse('translation_review_queue')}?{urlencode({'kind': 'pages', 'page': page.pk})}"
