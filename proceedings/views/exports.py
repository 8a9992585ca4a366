"""The organizers' exports of a course: the page that asks for them and lists them, the
progress its script polls, and the download.

Nobody but the course's organizers (and superusers) learns that an export exists: every
other request gets a 404, the same as for an export that does not exist. Files are never
served from a public URL, only streamed by :func:`download`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.enrollment import organized_courses
from courses.models import CoursePage
from members.languages import LANGUAGES

from ..exports import ExportRefused, may_export, proceedings_page, request_export, retry_export
from ..models import Export

#: Seconds between two refreshes of the page while an export runs (without JavaScript).
REFRESH_SECONDS = 5


def _course(request: HttpRequest, course_id: int) -> CoursePage:
    course = get_object_or_404(CoursePage, pk=course_id)
    if not may_export(request.user, course):
        raise Http404
    return course


def _export(request: HttpRequest, export_id: int) -> Export:
    export = get_object_or_404(Export.objects.select_related("course"), pk=export_id)
    if not may_export(request.user, export.course):
        raise Http404
    return export


def index(request: HttpRequest) -> HttpResponse:
    """The courses one organizes, each to its exports (straight there when only one)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    courses = list(organized_courses(request.user).order_by("path"))
    if not courses:
        raise Http404
    if len(courses) == 1:
        return redirect("proceedings:exports", course_id=courses[0].pk)
    return render(request, "proceedings/exports_index.html", {"courses": courses})


def exports_page(request: HttpRequest, course_id: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    course = _course(request, course_id)
    if request.method == "POST":
        return _request(request, course)
    exports = list(Export.objects.filter(course=course).select_related("requested_by")[:30])
    running = any(
        export.status in (Export.Status.QUEUED, Export.Status.RUNNING) for export in exports
    )
    return render(
        request,
        "proceedings/exports.html",
        {
            "course": course,
            "proceedings_page": proceedings_page(course),
            "pdf_languages": LANGUAGES,
            "exports": exports,
            "running": running,
            "refresh_seconds": REFRESH_SECONDS,
        },
    )


def _request(request: HttpRequest, course: CoursePage) -> HttpResponse:
    kind = request.POST.get("kind", "")
    language = request.POST.get("language", "")
    if kind == Export.Kind.ARCHIVE:
        language = (get_language() or "")[:2]  # the README's and headings' language
    try:
        request_export(
            course,
            kind=kind,
            language=language,
            include_private=kind == Export.Kind.ARCHIVE
            and bool(request.POST.get("include_private")),
            by=request.user,  # type: ignore[arg-type]  # signed in: checked above
        )
    except ExportRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Export requested: it is being prepared."))
    return redirect("proceedings:exports", course_id=course.pk)


def export_state(export: Export) -> dict:
    return {
        "id": export.pk,
        "status": export.status,
        "status_label": str(export.get_status_display()),
        "progress": export.progress,
        "step": _(export.step) if export.step else "",
        "error": export.error,
        "finished": export.status in (Export.Status.DONE, Export.Status.FAILED),
        "download_url": reverse("proceedings:export_download", args=[export.pk])
        if export.status == Export.Status.DONE
        else "",
    }


def status(request: HttpRequest, export_id: int) -> JsonResponse:
    """What the page's script polls: the export's state, for the course's organizers and
    the one who asked for it."""
    export = get_object_or_404(Export.objects.select_related("course"), pk=export_id)
    asked = request.user.is_authenticated and export.requested_by_id == request.user.pk
    if not (asked or may_export(request.user, export.course)):
        raise Http404
    response = JsonResponse(export_state(export))
    response["Cache-Control"] = "no-store"
    return response


def download(request: HttpRequest, export_id: int) -> FileResponse:
    export = _export(request, export_id)
    if export.status != Export.Status.DONE or not export.file:
        raise Http404
    try:
        handle = export.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    name = export.file.name.rsplit("/", 1)[-1]
    content_type = "application/pdf" if export.kind == Export.Kind.PDF else "application/zip"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def retry(request: HttpRequest, export_id: int) -> HttpResponse:
    export = _export(request, export_id)
    retry_export(export, by=request.user)  # type: ignore[arg-type]  # may_export: signed in
    messages.success(request, _("Export requested again."))
    return redirect("proceedings:exports", course_id=export.course_id)
