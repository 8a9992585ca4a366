"""Exports of a course, asked for by its organizers: the proceedings as a PDF in one language,
or the archive of the whole course (ZIP).

``request_export`` records the request and sends the Celery task by name once the
transaction commits (this module never imports ``proceedings.tasks``); ``run_export``, run by
the task, builds the file with its progress written to the row as it goes, keeps it in
the private storage (``Export.file``, outside MEDIA_ROOT) and fails cleanly: status failed,
the error kept for the organizer, who may retry.
"""

from __future__ import annotations

import logging

from celery import current_app
from celery.exceptions import SoftTimeLimitExceeded
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from courses.enrollment import organized_courses
from courses.models import CoursePage
from members.languages import LANGUAGE_CODES

from .models import Export, ProceedingsPage

logger = logging.getLogger(__name__)

#: The task that runs :func:`run_export`, sent by name (see proceedings.tasks).
RUN_EXPORT_TASK = "proceedings.tasks.run_export"
STEP_QUEUED = gettext_noop("Waiting for a worker")
STEP_SAVING = gettext_noop("Saving the file")
STEP_DONE = gettext_noop("Ready")


class ExportRefused(Exception):
    """The export cannot be made as asked (a message for the organizer)."""


def may_export(user: User | AnonymousUser, course: CoursePage) -> bool:
    """The course's organizers and superusers: exports hold every post of the course."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or organized_courses(user).filter(pk=course.pk).exists()


def proceedings_page(course: CoursePage) -> ProceedingsPage | None:
    """The course's live proceedings page (under the course or one of its weeks)."""
    return (
        ProceedingsPage.objects.live().descendant_of(course).order_by("-last_published_at").first()
    )


def request_export(
    course: CoursePage,
    *,
    kind: str,
    language: str = "",
    include_private: bool = False,
    by: User,
) -> Export:
    """Record the export and queue its task on commit. The same export still waiting or
    running is returned instead of a second one.

    ``language``: the PDF's; for the archive, the language of its README and headings.
    """
    if not may_export(by, course):
        raise PermissionDenied
    if kind not in Export.Kind.values:
        raise ExportRefused(_("Unknown kind of export."))
    if language not in LANGUAGE_CODES:
        if kind == Export.Kind.PDF:
            raise ExportRefused(_("Choose the language of the proceedings."))
        language = ""
    if kind == Export.Kind.PDF and proceedings_page(course) is None:
        raise ExportRefused(
            _("This course has no published proceedings page yet: publish it, then export it.")
        )
    same = Export.objects.filter(
        course=course,
        kind=kind,
        language=language,
        include_private=include_private,
        status__in=[Export.Status.QUEUED, Export.Status.RUNNING],
    ).first()
    if same is not None:
        return same
    export = Export.objects.create(
        course=course,
        kind=kind,
        language=language,
        include_private=include_private,
        requested_by=by,
        step=STEP_QUEUED,
    )
    queue(export)
    return export


def retry_export(export: Export, *, by: User) -> Export:
    """A failed export, queued again (its error forgotten)."""
    if not may_export(by, export.course):
        raise PermissionDenied
    if export.status != Export.Status.FAILED:
        return export
    Export.objects.filter(pk=export.pk).update(
        status=Export.Status.QUEUED, progress=0, step=STEP_QUEUED, error="", finished=None
    )
    export.refresh_from_db()
    queue(export)
    return export


def queue(export: Export) -> None:
    pk = export.pk
    transaction.on_commit(
        lambda: current_app.send_task(RUN_EXPORT_TASK, args=[pk], ignore_result=True)
    )


def record_progress(export_id: int, percent: int, step: str) -> None:
    """Written at once (no transaction around the run): the organizer's page polls it."""
    Export.objects.filter(pk=export_id).update(
        progress=max(0, min(99, int(percent))), step=str(step)[:200]
    )


def build(export: Export) -> tuple[str, bytes]:
    """(file name, contents) of the export."""
    from .archive import build_archive
    from .pdf import render_pdf

    def progress(percent: int, step: str) -> None:
        record_progress(export.pk, percent, step)

    course = export.course
    day = timezone.localdate().isoformat()
    if export.kind == Export.Kind.ARCHIVE:
        with translation.override(export.language or None):
            data = build_archive(course, include_private=export.include_private, progress=progress)
        return f"{course.slug}-archive-{day}.zip", data
    page = proceedings_page(course)
    if page is None:
        raise ExportRefused(_("This course has no published proceedings page any more."))
    data = render_pdf(page, language=export.language, progress=progress)
    return f"{course.slug}-proceedings-{export.language}-{day}.pdf", data


def run_export(export_id: int) -> Export | None:
    """Build the export and keep its file; safe to run twice (a finished one is left)."""
    export = Export.objects.select_related("course").filter(pk=export_id).first()
    if export is None or export.status == Export.Status.DONE:
        return export
    Export.objects.filter(pk=export.pk).update(
        status=Export.Status.RUNNING, progress=0, error="", finished=None
    )
    try:
        name, data = build(export)
        record_progress(export.pk, 99, STEP_SAVING)
        if export.file:
            export.file.delete(save=False)
        export.file.save(name, ContentFile(data), save=False)
    except Exception as error:  # any failure is the organizer's to see, and to retry
        logger.exception("Export %s failed", export.pk)
        Export.objects.filter(pk=export.pk).update(
            status=Export.Status.FAILED, error=failure_message(error), finished=timezone.now()
        )
    else:
        Export.objects.filter(pk=export.pk).update(
            status=Export.Status.DONE,
            progress=100,
            step=STEP_DONE,
            file=export.file.name,
            finished=timezone.now(),
        )
    export.refresh_from_db()
    return export


def failure_message(error: Exception) -> str:
    if isinstance(error, SoftTimeLimitExceeded):
        return _("The export took too long and was stopped.")
    if isinstance(error, ExportRefused):
        return str(error)
    return f"{type(error).__name__}: {error}"[:2000]
