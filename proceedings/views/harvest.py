"""Harvesting a post (the form, opened from the topic page with the whole post or the text
selected in it), the course's harvest list, and editing, removing or leaving out a passage.

Only the course's harvesters (`proceedings.harvest.may_harvest`); a post they may not read
is a 404, as an unknown one.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from courses.models import CoursePage
from forum.course_of import course_of_forum
from forum.discussion import post_url
from members.http import AuthenticatedHttpRequest
from translations.display import reader_languages, shown_posts
from translations.templatetags.page_texts import ORIGINAL

from ..consent import consent_of
from ..forms import PassageForm
from ..harvest import (
    Post,
    edit_passage,
    harvest_passage,
    harvestable_posts,
    may_harvest,
    may_manage,
    post_markdown,
    remove_passage,
    set_included,
)
from ..harvest_list import HarvestFilter, harvest_list
from ..models import Passage

#: Longest selection taken from the query string (a post's words limit is far below it).
MAX_SELECTION = 20000


def _harvestable(request: AuthenticatedHttpRequest, post_id: int):
    post = get_object_or_404(Post.objects.select_related("topic", "topic__forum"), pk=post_id)
    course = course_of_forum(post.topic.forum_id)
    if course is None:
        raise PermissionDenied
    if not may_harvest(request.user, course):
        raise PermissionDenied
    get_object_or_404(harvestable_posts(request.user, course), pk=post.pk)
    return post, course


def _managed(request: AuthenticatedHttpRequest, passage_id: int) -> Passage:
    passage = get_object_or_404(
        Passage.objects.select_related("course", "post", "post__topic", "post__topic__forum"),
        pk=passage_id,
    )
    if not may_manage(request.user, passage):
        raise PermissionDenied
    get_object_or_404(harvestable_posts(request.user, passage.course), pk=passage.post_id)
    return passage


def _list_url(course: CoursePage) -> str:
    return reverse("proceedings:harvest", args=[course.pk])


def _back(request: AuthenticatedHttpRequest, course: CoursePage) -> str:
    """The harvest list as it was filtered (``next``), only on this site."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted.startswith(_list_url(course)) and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return _list_url(course)


def _form_context(request, post, course, form, passage=None) -> dict:
    language, reads = reader_languages(request.user, get_language())
    shown = shown_posts([post], language=language, reads=reads)[0]
    return {
        "course": course,
        "post": post,
        "shown": shown,
        "post_url": post_url(post.topic.forum, post),
        "form": form,
        "passage": passage,
        "consent": consent_of(post.poster, course) if post.poster_id else None,
    }


def _form(request, post, course, data=None, initial=None) -> PassageForm:
    language, reads = reader_languages(request.user, get_language())
    return PassageForm(
        data, initial=initial, post=post, course=course, language=language, reads=reads
    )


@login_required
@require_http_methods(["GET", "POST"])
def harvest_post(request: AuthenticatedHttpRequest, post_id: int) -> HttpResponse:
    post, course = _harvestable(request, post_id)
    selected = request.GET.get("text", "")[:MAX_SELECTION]
    form = _form(
        request,
        post,
        course,
        request.POST or None,
        initial={"text": selected or post_markdown(post)},
    )
    if request.method == "POST" and form.is_valid():
        harvest_passage(
            post=post,
            by=request.user,
            text=form.cleaned_data["text"],
            themes=form.cleaned_data["themes"],
            regions=form.cleaned_data["regions"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Passage harvested."))
        return redirect(post_url(post.topic.forum, post))
    return render(
        request,
        "proceedings/harvest_form.html",
        _form_context(request, post, course, form),
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def passage_edit(request: AuthenticatedHttpRequest, passage_id: int) -> HttpResponse:
    passage = _managed(request, passage_id)
    post, course = passage.post, passage.course
    form = _form(
        request,
        post,
        course,
        request.POST or None,
        initial={
            "text": passage.text or post_markdown(post),
            "themes": list(passage.themes.all()),
            "regions": list(passage.regions.all()),
            "note": passage.note,
        },
    )
    if request.method == "POST" and form.is_valid():
        edit_passage(
            passage,
            by=request.user,
            text=form.cleaned_data["text"],
            themes=form.cleaned_data["themes"],
            regions=form.cleaned_data["regions"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Passage saved."))
        return redirect(_back(request, course))
    context = _form_context(request, post, course, form, passage)
    context["next"] = _back(request, course)
    return render(
        request, "proceedings/harvest_form.html", context, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def passage_remove(request: AuthenticatedHttpRequest, passage_id: int) -> HttpResponse:
    passage = _managed(request, passage_id)
    course = passage.course
    if request.method == "POST":
        remove_passage(passage, by=request.user)
        messages.success(request, _("Passage removed from the harvest."))
        return redirect(_back(request, course))
    return render(
        request,
        "proceedings/harvest_remove.html",
        {"passage": passage, "course": course, "next": _back(request, course)},
    )


@login_required
@require_POST
def passage_include(request: AuthenticatedHttpRequest, passage_id: int) -> HttpResponse:
    passage = _managed(request, passage_id)
    included = request.POST.get("included") == "1"
    set_included(passage, by=request.user, included=included)
    if included:
        messages.success(request, _("The passage is in the proceedings."))
    else:
        messages.success(
            request, _("The passage stays in the harvest, left out of the proceedings.")
        )
    return redirect(_back(request, passage.course))


@login_required
def harvest_view(request: AuthenticatedHttpRequest, course_id: int) -> HttpResponse:
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    if not may_harvest(request.user, course):
        raise PermissionDenied
    language, reads = reader_languages(request.user, get_language())
    show_original = ORIGINAL in request.GET.getlist("original")
    listing = harvest_list(
        course,
        request.user,
        language=language,
        reads=reads,
        filters=HarvestFilter.from_query(request.GET),
        show_original=show_original,
    )
    # Without JavaScript, "Show original" asks for the list again with every original.
    query = request.GET.copy()
    query.setlist("original", [] if show_original else [ORIGINAL])
    for row in listing.rows:
        row.texts.toggle_url = f"?{query.urlencode()}"
    return render(
        request,
        "proceedings/harvest_list.html",
        {"course": course, "harvest": listing, "here": request.get_full_path()},
    )
