"""A translator corrects the translation of one text of a page, forum, project, community or
member profile.

The same rights as for posts: translators and organizers of the text's course
(`forum.translator_rights.may_translate`), and only for a page Wagtail would serve them or a
forum they may read (`forum.readable_texts`); the texts beyond courses (`forum.reviewable_texts`)
for the translators of any course, and only those of objects their own pages would show
them. A text they may not see answers 404, one they see but may not translate 403. The
form page and an inline editor share this view (JSON on ``Accept: application/json``, as
for posts). Rich text is edited as HTML, sanitised on
save to Wagtail's tags (`translations.review.clean_rich_text`); plain text as plain text.
The text is stored as reviewed until its original changes; a form opened on an older
original is refused.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.models import Page

from members.languages import LANGUAGE_NAMES
from translations.models import TextSource, TextTranslation
from translations.review import SourceChanged, save_reviewed_text
from translations.shown_texts import texts_of
from translations.templatetags.page_texts import render_text

from . import reviewable_texts
from .course_of import course_of
from .markdown import render_markdown
from .readable_texts import may_see_object, object_of
from .review import TranslatorRequest, form_error_message, safe_next_url, wants_json
from .text_review import field_label
from .translator_rights import may_translate, may_translate_beyond_courses

HTML = TextSource.Kind.HTML


class TextTranslationForm(forms.Form):
    text = forms.CharField(label=_("Translation"), widget=forms.Textarea(attrs={"rows": 12}))
    digest = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, kind: str = TextSource.Kind.MARKDOWN, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = (
            _(
                "HTML, like the original: keep its paragraphs, lists and links. Other tags "
                "are removed when you save."
            )
            if kind == HTML
            else _("Plain text, like the original.")
        )


def rendered(text: str, kind: str, obj: Any = None, field: str = "") -> str:
    """The text as the page renders it as a block (rich text, Markdown for the fields a
    registered model's pages render so, or paragraphs)."""
    entry = reviewable_texts.entry_of(obj) if obj is not None else None
    if entry is not None and field in entry.markdown:
        return SafeString(render_markdown(text))  # sanitised HTML (forum.markdown)
    return str(render_text(text, rich=kind == HTML, lines=kind != HTML))


class TextTranslationEditView(FormView):
    """Edit one text's translation; goes back where the translator came from."""

    request: TranslatorRequest
    template_name = "cohort_forum/text_translation_edit.html"
    form_class = TextTranslationForm

    def dispatch(self, request, *args, **kwargs):
        response = self.dispatch_allowed(request, *args, **kwargs)
        # One URL, two formats: a cache must keep the editor's JSON apart from the page.
        patch_vary_headers(response, ("Accept", "X-Requested-With"))
        return response

    def refuse(self, message, status: int = 403):
        return JsonResponse({"message": str(message)}, status=status)

    def dispatch_allowed(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            if wants_json(request):
                return self.refuse(
                    _("You are signed out. Sign in again in another tab, then save.")
                )
            return redirect_to_login(request.get_full_path())
        self.translation = get_object_or_404(
            TextTranslation.objects.select_related("source", "reviewed_by"), pk=kwargs["pk"]
        )
        self.source = self.translation.source
        self.obj = object_of(self.source)
        # A text of a page or forum this person may not see: as if there were none.
        if self.obj is None or not may_see_object(request, self.obj, self.source.field):
            if wants_json(request):
                return self.refuse(_("There is no such text."), status=404)
            raise Http404
        if not self.may_translate():
            if wants_json(request):
                return self.refuse(_("You may not edit the translations of this course."))
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def may_translate(self) -> bool:
        entry = reviewable_texts.entry_of(self.obj)
        if entry is not None and entry.course:
            return may_translate(self.request.user, entry.course_of(self.obj))
        if entry is not None:
            return may_translate_beyond_courses(self.request.user)
        return may_translate(self.request.user, course_of(self.obj))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kind": self.source.kind}

    def current_text(self) -> str:
        """The machine's (or a translator's) text, else the original to translate over."""
        row = self.translation
        if row.text and row.source_digest == self.source.digest:
            return row.text
        return self.source.text

    def get_initial(self):
        return {"text": self.current_text(), "digest": self.source.digest}

    def get(self, request, *args, **kwargs):
        if wants_json(request):
            # What the inline editor shows above its textarea: the field, the original.
            return JsonResponse(
                {
                    **self.get_initial(),
                    "kind": self.source.kind,
                    "language": self.translation.language,
                    "field": field_label(self.obj, self.source.field),
                    "original_html": rendered(
                        self.source.text, self.source.kind, self.obj, self.source.field
                    ),
                    "original_language": self.source_language(),
                    "original_heading": str(
                        _("Original in %(language)s")
                        % {"language": LANGUAGE_NAMES.get(self.source_language(), "")}
                    ),
                    "help": str(self.get_form().fields["text"].help_text),
                }
            )
        return super().get(request, *args, **kwargs)

    def source_language(self) -> str:
        return self.translation.source_language or self.source.language

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        row = self.translation
        context.update(
            translation=row,
            source=self.source,
            obj=self.obj,
            obj_title=self.obj_title(),
            obj_url=self.obj_url(),
            field_label=field_label(self.obj, self.source.field),
            original_html=self.rendered_original(),
            source_language_name=LANGUAGE_NAMES.get(self.source_language(), ""),
            revisions=row.revisions.select_related("editor")[:20],
            next_url=self.next_url(),
        )
        return context

    def obj_title(self) -> str:
        entry = reviewable_texts.entry_of(self.obj)
        return entry.title(self.obj) if entry is not None else str(self.obj)

    def obj_url(self) -> str:
        entry = reviewable_texts.entry_of(self.obj)
        if entry is not None:
            return entry.url(self.obj)
        if isinstance(self.obj, Page):
            return self.obj.get_url(self.request) or ""
        return reverse("forum:forum", kwargs={"slug": self.obj.slug, "pk": self.obj.pk})

    def next_url(self) -> str:
        return safe_next_url(self.request)

    def form_valid(self, form):
        try:
            saved = save_reviewed_text(
                self.translation,
                text=form.cleaned_data["text"],
                editor=self.request.user,
                digest=form.cleaned_data["digest"],
            )
        except SourceChanged:
            form.add_error(
                None,
                _(
                    "The original was edited and published while you worked. Check it again "
                    "before saving."
                ),
            )
            self.source.refresh_from_db()
            form.data = form.data.copy()
            form.data["digest"] = self.source.digest
            return self.form_invalid(form, status=409)
        if wants_json(self.request):
            return JsonResponse(self.shown_translation(saved))
        messages.success(self.request, _("Translation saved, marked as reviewed."))
        return redirect(self.next_url())

    def form_invalid(self, form, status: int = 400):
        if wants_json(self.request):
            return JsonResponse(
                {
                    "message": form_error_message(form),
                    "errors": form.errors.get_json_data(),
                    "digest": self.source.digest,
                    # The original as it is now: after a 409, the one to check again.
                    "original_html": rendered(
                        self.source.text, self.source.kind, self.obj, self.source.field
                    ),
                },
                status=status,
            )
        return super().form_invalid(form)

    def rendered_original(self) -> str:
        return rendered(self.source.text, self.source.kind, self.obj, self.source.field)

    def shown_translation(self, translation: TextTranslation) -> dict:
        """The saved text as the page shows it (in a block, or inline in a heading or a
        link), with the label of its page, rendered here: the editor inserts it as it is."""
        shown = texts_of([self.obj], language=translation.language)[0]
        return {
            "state": "reviewed",
            "label": str(shown.label),
            "label_state": shown.state,
            "text": translation.text,
            "html": rendered(translation.text, self.source.kind, self.obj, self.source.field),
            "inline_html": str(render_text(translation.text, rich=self.source.kind == HTML)),
            "digest": translation.source_digest,
            "message": str(_("Translation saved, marked as reviewed.")),
        }
