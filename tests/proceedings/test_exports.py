"""Exports as a service and a task: who may ask, the task sent by name on commit, its
progress and failure recorded, the file kept outside MEDIA_ROOT."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from celery import current_app
from django.conf import settings
from django.core.exceptions import PermissionDenied

from courses.enrollment import enroll
from courses.models import Role
from proceedings import exports
from proceedings.exports import (
    RUN_EXPORT_TASK,
    ExportRefused,
    may_export,
    request_export,
    retry_export,
    run_export,
)
from proceedings.models import Export
from tests.factories import CoursePageFactory, UserFactory
from tests.proceedings.export_world import proceedings_of

pytestmark = pytest.mark.django_db

Status = Export.Status


@pytest.fixture
def sent(monkeypatch):
    """The tasks sent to the broker, by name (none runs)."""
    calls = []
    monkeypatch.setattr(
        current_app, "send_task", lambda name, args=(), **kwargs: calls.append((name, args))
    )
    return calls


def test_only_the_courses_organizers_and_superusers_may_export(course, organizer, key_respondent):
    other = UserFactory()
    enroll(course=CoursePageFactory(parent=course.get_parent()), user=other, role=Role.ORGANIZER)
    participant = UserFactory()
    enroll(course=course, user=participant, role=Role.PARTICIPANT)

    assert may_export(organizer, course)
    assert may_export(UserFactory(is_superuser=True), course)
    assert not may_export(other, course)
    assert not may_export(participant, course)
    assert not may_export(key_respondent, course)


def test_a_participant_cannot_request_an_export(course, week, sent):
    participant = UserFactory()
    enroll(course=course, user=participant, role=Role.PARTICIPANT)

    with pytest.raises(PermissionDenied):
        request_export(course, kind="archive", by=participant)
    assert not Export.objects.exists()


def test_the_task_is_sent_by_name_once_the_request_commits(
    course, organizer, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        export = request_export(course, kind="archive", by=organizer)
        assert sent == []
    for callback in callbacks:
        callback()

    assert sent == [(RUN_EXPORT_TASK, [export.pk])]
    assert export.status == Status.QUEUED
    assert export.requested_by == organizer


def test_the_same_export_still_waiting_is_not_asked_twice(course, organizer, sent):
    first = request_export(course, kind="archive", by=organizer)

    assert request_export(course, kind="archive", by=organizer) == first
    assert request_export(course, kind="archive", include_private=True, by=organizer) != first


def test_the_pdf_needs_a_published_proceedings_page(course, week, organizer, sent):
    with pytest.raises(ExportRefused, match="no published proceedings page"):
        request_export(course, kind="pdf", language="es", by=organizer)

    proceedings_of(week, organizer)
    assert request_export(course, kind="pdf", language="es", by=organizer).language == "es"


def test_the_task_runs_through_celery_and_keeps_the_archive(course, week, organizer, sent):
    from proceedings.tasks import run_export as task

    export = request_export(course, kind="archive", by=organizer)

    assert task.name == RUN_EXPORT_TASK in current_app.tasks
    assert task.apply(args=[export.pk]).get() == Status.DONE
    export.refresh_from_db()
    assert (export.status, export.progress, export.error) == (Status.DONE, 100, "")
    assert export.finished is not None
    with export.file.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as archive:
        assert any(name.endswith("/README.md") for name in archive.namelist())


def test_the_task_goes_to_the_default_queue():
    route = current_app.amqp.router.route({}, RUN_EXPORT_TASK)

    assert route["queue"].name == settings.CELERY_TASK_DEFAULT_QUEUE == "default"


def test_the_file_is_kept_outside_media_root(course, week, organizer, sent):
    export = run_export(request_export(course, kind="archive", by=organizer).pk)

    path = Path(export.file.path).resolve()
    assert path.is_file()
    assert path.is_relative_to(Path(settings.VAR_DIR, "exports").resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())


def test_the_pdf_export_writes_a_pdf(course, week, organizer, sent):
    proceedings_of(week, organizer)
    export = run_export(request_export(course, kind="pdf", language="fr", by=organizer).pk)

    assert export.status == Status.DONE, export.error
    assert export.file.name.endswith("-proceedings-fr-" + export.file.name[-14:])
    with export.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_progress_is_recorded_as_the_export_runs(course, week, organizer, sent, monkeypatch):
    seen = []
    record = exports.record_progress

    def watch(export_id, percent, step):
        record(export_id, percent, step)
        row = Export.objects.get(pk=export_id)
        seen.append((row.status, row.progress, row.step))

    monkeypatch.setattr(exports, "record_progress", watch)
    run_export(request_export(course, kind="archive", by=organizer).pk)

    assert {status for status, _progress, _step in seen} == {Status.RUNNING}
    progress = [value for _status, value, _step in seen]
    assert progress == sorted(progress)
    assert 0 < progress[0] < progress[-1] < 100
    assert "Reading the posts" in {step for _status, _progress, step in seen}


def test_a_failure_is_recorded_with_its_message_and_can_be_retried(course, week, organizer, sent):
    page = proceedings_of(week, organizer)
    export = request_export(course, kind="pdf", language="es", by=organizer)
    page.unpublish()

    export = run_export(export.pk)

    assert export.status == Status.FAILED
    assert "no published proceedings page" in export.error
    assert not export.file
    retried = retry_export(export, by=organizer)
    assert (retried.status, retried.error, retried.progress) == (Status.QUEUED, "", 0)


def test_running_a_finished_export_again_changes_nothing(course, week, organizer, sent):
    export = run_export(request_export(course, kind="archive", by=organizer).pk)
    name = export.file.name

    again = run_export(export.pk)

    assert (again.status, again.file.name) == (Status.DONE, name)
