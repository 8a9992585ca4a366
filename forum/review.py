"""Translators at work in the forum: the review queue and the edit form beside each post.

Who may edit is decided per course (translators and organizers, see
:func:`forum.translator_rights.may_translate`), and only for the posts the topic page would
show that person (machina's read rights, approval, hidden answers: see
:meth:`forum.permission_handler.PermissionHandler.readable_posts`); the text itself is stored by
:mod:`translations.review`. The inline editor of the topic page (static/js/puentes.js)
talks to the same view as the form page, asking for JSON: the same permission check,
form validation, history and rendering, only the answer's format differs.

The queue also lists the texts of pages and forums (`forum.text_review`), newest first with
the posts, or alone ("Pages" in its kind filter); and, for the translators of any course, the
texts beyond courses (projects, communities, member profiles: `forum.reviewable_texts`) when no
course or week is chosen, or alone ("Projects, communities and profiles").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from heapq import merge
from typing import Any, cast, overload

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from machina.core.db.models import get_model

from courses.models import CoursePage
from members.http import AuthenticatedHttpRequest
from members.languages import LANGUAGE_NAMES
from translations.display import shown_posts
from translations.models import PostTranslation
from translations.review import SourceChanged, current_digest, save_reviewed_translation

from .course_of import course_forum_ids, course_of
from .models import WeekForum
from .permission_handler import PermissionHandler
from .text_review import network_text_queue, queue_items, text_queue
from .translator_rights import may_translate, may_translate_beyond_courses, translating_courses

Forum: Any = get_model("forum", "Forum")
Post: Any = get_model("forum_conversation", "Post")

Status = PostTranslation.Status
QUEUE_PAGE_SIZE = 25


def safe_next_url(request: HttpRequest) -> str:
    """Where a translator's form goes back to: ``next`` on our own site, else the queue."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    # Only our own site: never an open redirect (Django's check also knows `/\host`).
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("translation_review_queue")


PAIRS = [
    (f"{source}-{target}", f"{LANGUAGE_NAMES[source]} → {LANGUAGE_NAMES[target]}")
    for source in LANGUAGE_NAMES
    for target in LANGUAGE_NAMES
    if source != target
]
KINDS = [
    ("", _("Posts and pages")),
    ("posts", _("Posts")),
    ("pages", _("Pages")),
    ("network", _("Projects, communities and profiles")),
]


@dataclass(frozen=True)
class QueueFilters:
    course: CoursePage | None = None
    week_forum_id: int | None = None
    source: str = ""
    target: str = ""
    #: "" for everything, "posts", "pages" (the texts of pages and forums), or "network"
    #: (the texts beyond courses: projects, communities, profiles).
    kind: str = ""
    #: One page's texts, reviewed ones too (the "Edit translation" link of a page).
    page_id: int | None = None


def review_queue(
    courses: list[CoursePage],
    filters: QueueFilters,
    *,
    user: User | AnonymousUser,
    handler: PermissionHandler,
) -> QuerySet[PostTranslation]:
    """Machine translations nobody has reviewed yet, in these courses, newest first; only of
    posts the topic page shows `user` (a translator is not in every community)."""
    chosen = [filters.course] if filters.course in courses else courses
    forum_ids = [forum_id for course in chosen for forum_id in course_forum_ids(course)]
    if filters.week_forum_id:
        forum_ids = [forum_id for forum_id in forum_ids if forum_id == filters.week_forum_id]
    readable = handler.readable_posts(Post.objects.filter(topic__forum_id__in=forum_ids), user)
    rows = PostTranslation.objects.filter(
        status=Status.DONE, reviewed_at__isnull=True, post__in=readable
    )
    if filters.source:
        rows = rows.filter(source_language=filters.source)
    if filters.target:
        rows = rows.filter(language=filters.target)
    return rows.select_related("post__topic__forum", "post__poster").order_by(
        "-translated_at", "-pk"
    )


class QueueFilterForm(forms.Form):
    course = forms.ModelChoiceField(
        queryset=CoursePage.objects.none(), required=False, label=_("Course")
    )
    week = forms.TypedChoiceField(coerce=int, required=False, label=_("Week"), empty_value=None)
    pair = forms.ChoiceField(required=False, label=_("Languages"))
    kind = forms.ChoiceField(choices=KINDS, required=False, label=_("Show"))
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(
        self,
        *args,
        courses: list[CoursePage],
        user: User | AnonymousUser,
        handler: PermissionHandler,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        # `self.fields` holds copies of the fields declared above, typed only as Field.
        cast(forms.ModelChoiceField, self.fields["course"]).queryset = CoursePage.objects.filter(
            pk__in=[course.pk for course in courses]
        ).order_by("title")
        forum_ids = [forum_id for course in courses for forum_id in course_forum_ids(course)]
        # Only the weeks the user may read: a withdrawn week's name is not theirs to see.
        readable = handler.get_readable_forums(Forum.objects.filter(pk__in=forum_ids), user)
        weeks = (
            WeekForum.objects.filter(forum__in=readable)
            .select_related("forum")
            .order_by("week__path")
        )
        cast(forms.ChoiceField, self.fields["week"]).choices = [("", _("All weeks"))] + [
            (week_forum.forum_id, str(week_forum.forum)) for week_forum in weeks
        ]
        cast(forms.ChoiceField, self.fields["pair"]).choices = [("", _("All languages")), *PAIRS]

    def filters(self) -> QueueFilters:
        if not self.is_valid():
            return QueueFilters()
        source, _sep, target = (self.cleaned_data.get("pair") or "").partition("-")
        return QueueFilters(
            course=self.cleaned_data.get("course"),
            week_forum_id=self.cleaned_data.get("week"),
            source=source,
            target=target,
            kind=self.cleaned_data.get("kind") or "",
            page_id=self.cleaned_data.get("page"),
        )


class TranslatorRequest(AuthenticatedHttpRequest):
    """A signed-in request that went through the forum's permission middleware."""

    forum_permission_handler: PermissionHandler


class ReviewQueueView(LoginRequiredMixin, TemplateView):
    request: TranslatorRequest
    template_name = "cohort_forum/review_queue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        courses = translating_courses(self.request.user)
        if not courses:
            raise PermissionDenied
        user, handler = self.request.user, self.request.forum_permission_handler
        form = QueueFilterForm(
            self.request.GET or None, courses=courses, user=user, handler=handler
        )
        filters = form.filters()
        chosen = [filters.course] if filters.course in courses else courses
        lists: list[QuerySet] = []
        if filters.kind in ("", "posts") and not filters.page_id:
            lists.append(review_queue(courses, filters, user=user, handler=handler))
        if filters.kind in ("", "pages"):
            lists.append(
                text_queue(
                    self.request,
                    chosen,
                    week_forum_id=filters.week_forum_id,
                    source=filters.source,
                    target=filters.target,
                    page_id=filters.page_id,
                )
            )
        if self.shows_network(filters):
            lists.append(
                network_text_queue(self.request, source=filters.source, target=filters.target)
            )
        query = self.request.GET.copy()
        query.pop("p", None)
        page_obj: Page[Any] = Paginator(NewestFirst(lists), QUEUE_PAGE_SIZE).get_page(
            self.request.GET.get("p")
        )
        context.update(
            form=form,
            page_obj=page_obj,
            items=queue_items(page_obj.object_list),
            query=query.urlencode(),
        )
        return context

    def shows_network(self, filters: QueueFilters) -> bool:
        """The texts beyond courses belong to no course or week: shown when none is chosen."""
        return (
            filters.kind in ("", "network")
            and not (filters.course or filters.week_forum_id or filters.page_id)
            and may_translate_beyond_courses(self.request.user)
        )


class NewestFirst:
    """Querysets of translations, each newest first, read as one list (for a Paginator).

    A page of the list reads the keys of the rows up to its end from each queryset, then
    only its own rows.
    """

    def __init__(self, querysets: list[QuerySet]) -> None:
        self.querysets = querysets

    def count(self) -> int:
        return sum(queryset.count() for queryset in self.querysets)

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[Any]:
        return iter(self[0 : self.count()])

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        keyed = [
            [
                (translated_at.timestamp() if translated_at else 0.0, pk, position)
                for translated_at, pk in queryset.values_list("translated_at", "pk")[:stop]
            ]
            for position, queryset in enumerate(self.querysets)
        ]
        chosen = list(merge(*keyed, key=lambda key: (-key[0], -key[1])))[start:stop]
        rows = {
            position: queryset.in_bulk([key[1] for key in chosen if key[2] == position])
            for position, queryset in enumerate(self.querysets)
        }
        return [rows[position][pk] for _stamp, pk, position in chosen]


def wants_json(request: HttpRequest) -> bool:
    """The inline editor's requests: fetch() with ``Accept: application/json``."""
    return (
        "application/json" in request.headers.get("Accept", "")
        or request.headers.get("X-Requested-With") == "XMLHttpRequest"
    )


def form_error_message(form: forms.Form) -> str:
    """Every error of the form in one sentence each, for the inline editor's status line."""
    sentences = [str(error) for error in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name != NON_FIELD_ERRORS:
            sentences += [f"{form.fields[name].label}: {error}" for error in errors]
    return " ".join(sentences)


class TranslationForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=255, required=False)
    content = forms.CharField(
        label=_("Translation"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Markdown, like the original. Code and links stay as they are."),
    )
    digest = forms.CharField(widget=forms.HiddenInput)


class TranslationEditView(LoginRequiredMixin, FormView):
    """Edit one translation; works without JavaScript, goes back where the translator came from."""

    request: TranslatorRequest
    template_name = "cohort_forum/translation_edit.html"
    form_class = TranslationForm

    def dispatch(self, request, *args, **kwargs):
        response = self.dispatch_allowed(request, *args, **kwargs)
        # One URL, two formats: a cache must keep the editor's JSON apart from the page.
        patch_vary_headers(response, ("Accept", "X-Requested-With"))
        return response

    def dispatch_allowed(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            if wants_json(request):
                message = _("You are signed out. Sign in again in another tab, then save.")
                return JsonResponse({"message": str(message)}, status=403)
            return self.handle_no_permission()
        self.translation = get_object_or_404(
            PostTranslation.objects.select_related("post__topic__forum", "post__poster"),
            pk=kwargs["pk"],
        )
        if not may_translate(request.user, course_of(self.translation.post)):
            if wants_json(request):
                message = _("You may not edit the translations of this course.")
                return JsonResponse({"message": str(message)}, status=403)
            raise PermissionDenied
        # What the topic page would not show this person, the editor does not show either.
        if not request.forum_permission_handler.can_read_post(self.translation.post, request.user):
            if wants_json(request):
                message = _("You may not read this post, so you may not edit its translation.")
                return JsonResponse({"message": str(message)}, status=403)
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if wants_json(request):
            return JsonResponse({**self.get_initial(), "language": self.translation.language})
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        return {
            "subject": self.translation.subject,
            "content": self.translation.content,
            "digest": current_digest(self.translation),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            translation=self.translation,
            post=self.translation.post,
            revisions=self.translation.revisions.select_related("editor")[:20],
            next_url=self.next_url(),
        )
        return context

    def next_url(self) -> str:
        return safe_next_url(self.request)

    def form_valid(self, form):
        try:
            saved = save_reviewed_translation(
                self.translation,
                subject=form.cleaned_data["subject"],
                content=form.cleaned_data["content"],
                editor=self.request.user,
                digest=form.cleaned_data["digest"],
            )
        except SourceChanged:
            form.add_error(
                None,
                _("The original was edited while you worked. Check it again before saving."),
            )
            form.data = form.data.copy()
            form.data["digest"] = current_digest(self.translation)
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
                    "digest": current_digest(self.translation),
                },
                status=status,
            )
        return super().form_invalid(form)

    def shown_translation(self, translation: PostTranslation) -> dict:
        """The saved translation as the topic page shows it (same rendering, same label)."""
        shown = shown_posts([translation.post], language=translation.language)[0]
        return {
            "state": shown.state,
            "label": str(shown.label),
            "subject": shown.translated_subject,
            "html": str(shown.translated_html),
            "digest": translation.source_digest,
            "message": str(_("Translation saved, marked as reviewed.")),
        }
