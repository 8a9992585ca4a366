"""The exports page, the progress it polls and the download, through real HTTP: the course's
organizers only (everyone else gets a 404, as for an export that does not exist)."""

from __future__ import annotations

import pytest
from celery import current_app
from django.urls import reverse

from courses.enrollment import enroll
from courses.models import Role
from members.profiles import get_profile
from proceedings.exports import request_export, run_export
from proceedings.models import Export
from tests.factories import CoursePageFactory, UserFactory
from tests.forum.helpers import member
from tests.proceedings.export_world import proceedings_of

pytestmark = pytest.mark.django_db

Status = Export.Status


@pytest.fixture(autouse=True)
def sent(monkeypatch):
    """Tasks are sent to no broker: the tests run them when they need the file."""
    calls = []
    monkeypatch.setattr(current_app, "send_task", lambda name, args=(), **kw: calls.append(args))
    return calls


@pytest.fixture
def outsiders(course, key_respondent):
    """Everyone but the course's organizers, by name."""
    other_organizer = UserFactory(username="other-organizer")
    other_course = CoursePageFactory(parent=course.get_parent())
    enroll(course=other_course, user=other_organizer, role=Role.ORGANIZER)
    participant = UserFactory(username="participant")
    enroll(course=course, user=participant, role=Role.PARTICIPANT)
    return {
        "other organizer": other_organizer,
        "participant": participant,
        "key respondent": key_respondent,
        "anonymous": None,
    }


@pytest.fixture
def done(course, week, organizer):
    return run_export(request_export(course, kind="archive", by=organizer).pk)


def page_url(course) -> str:
    return reverse("proceedings:exports", args=[course.pk])


def sign_in(client, user) -> None:
    if user is not None:
        client.force_login(user)


def test_the_organizer_sees_the_exports_page_with_its_buttons(client, course, organizer):
    client.force_login(organizer)

    html = client.get(page_url(course)).content.decode()

    assert "Course archive (ZIP)" in html
    assert 'name="include_private"' in html
    assert "checked" not in html.split('name="include_private"')[1].split(">")[0]
    assert "no published proceedings page yet" in html
    assert "js/export_progress.js" in html


@pytest.mark.parametrize("who", ["other organizer", "participant", "key respondent"])
def test_no_one_else_sees_the_exports_page(client, course, outsiders, who):
    sign_in(client, outsiders[who])

    assert client.get(page_url(course)).status_code == 404


def test_the_organizer_requests_an_archive_with_private_communities(
    client, course, organizer, sent
):
    client.force_login(organizer)

    response = client.post(page_url(course), {"kind": "archive", "include_private": "1"})

    assert response.status_code == 302
    export = Export.objects.get()
    assert (export.kind, export.include_private, export.requested_by) == (
        "archive",
        True,
        organizer,
    )


@pytest.mark.parametrize("who", ["other organizer", "participant", "key respondent", "anonymous"])
def test_no_one_else_may_request_an_export(client, course, outsiders, who):
    sign_in(client, outsiders[who])

    response = client.post(page_url(course), {"kind": "archive"})

    assert response.status_code in (404, 302)
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/")
    assert not Export.objects.exists()


def test_the_pdf_button_explains_a_missing_proceedings_page(client, course, organizer):
    client.force_login(organizer)

    response = client.post(page_url(course), {"kind": "pdf", "language": "es"}, follow=True)

    assert "no published proceedings page yet" in response.content.decode()
    assert not Export.objects.exists()


def test_the_status_tells_progress_to_the_organizer(client, course, organizer):
    export = request_export(course, kind="archive", by=organizer)
    Export.objects.filter(pk=export.pk).update(
        status=Status.RUNNING, progress=40, step="Reading the posts"
    )
    client.force_login(organizer)

    state = client.get(reverse("proceedings:export_status", args=[export.pk])).json()

    assert state["status"] == "running"
    assert state["progress"] == 40
    assert state["step"] == "Reading the posts"
    assert state["download_url"] == ""


def test_a_finished_export_gives_its_download_link(client, organizer, done):
    client.force_login(organizer)

    state = client.get(reverse("proceedings:export_status", args=[done.pk])).json()

    assert state["finished"] is True
    assert state["download_url"] == reverse("proceedings:export_download", args=[done.pk])


@pytest.mark.parametrize("who", ["other organizer", "participant", "key respondent", "anonymous"])
def test_no_one_else_reads_an_exports_status_or_downloads_it(client, outsiders, done, who):
    sign_in(client, outsiders[who])

    assert client.get(reverse("proceedings:export_status", args=[done.pk])).status_code == 404
    assert client.get(reverse("proceedings:export_download", args=[done.pk])).status_code == 404


def test_the_download_is_an_attachment_never_cached(client, organizer, done):
    client.force_login(organizer)

    response = client.get(reverse("proceedings:export_download", args=[done.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith('.zip"')
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:2] == b"PK"


def test_an_unfinished_export_has_nothing_to_download(client, course, organizer):
    export = request_export(course, kind="archive", by=organizer)
    client.force_login(organizer)

    assert client.get(reverse("proceedings:export_download", args=[export.pk])).status_code == 404


def test_a_running_export_refreshes_the_page_without_javascript(client, course, organizer):
    request_export(course, kind="archive", by=organizer)
    client.force_login(organizer)

    html = client.get(page_url(course)).content.decode()

    assert '<noscript><meta http-equiv="refresh"' in html
    assert "<progress" in html


@pytest.mark.usefixtures("compiled_catalogs")
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("es", ["Exportaciones", "Archivo del curso (ZIP)", "Incluir las comunidades privadas"]),
        ("fr", ["Exports", "Archive du cours (ZIP)", "Inclure les communautés privées"]),
        ("en", ["Exports", "Course archive (ZIP)", "Include private communities"]),
    ],
)
def test_the_exports_page_speaks_the_organizers_language(client, course, language, words):
    organizer = member(language)
    enroll(course=course, user=organizer, role=Role.ORGANIZER)
    get_profile(organizer).save()
    client.force_login(organizer)

    html = client.get(page_url(course)).content.decode()

    for word in words:
        assert word in html


def test_a_failed_export_can_be_retried_from_the_page(client, course, organizer, sent):
    export = request_export(course, kind="archive", by=organizer)
    Export.objects.filter(pk=export.pk).update(status=Status.FAILED, error="Disk full")
    client.force_login(organizer)
    assert "Disk full" in client.get(page_url(course)).content.decode()

    client.post(reverse("proceedings:export_retry", args=[export.pk]))

    export.refresh_from_db()
    assert (export.status, export.error) == (Status.QUEUED, "")


def test_the_proceedings_page_links_its_exports_for_organizers_only(
    client, course, week, organizer, outsiders
):
    page = proceedings_of(week, organizer)
    client.force_login(organizer)
    assert page_url(course) in client.get(page.url).content.decode()

    client.force_login(outsiders["participant"])
    response = client.get(page.url)
    assert response.status_code == 200
    assert page_url(course) not in response.content.decode()


def test_the_admin_offers_exports_to_organizers(client, course, organizer, outsiders):
    client.force_login(organizer)

    assert reverse("proceedings:exports_index") in client.get("/admin/").content.decode()
    assert page_url(course) in client.get(reverse("course_dashboard")).content.decode()
    assert client.get(reverse("proceedings:exports_index"))["Location"] == page_url(course)


def test_a_pdf_button_per_language_once_the_proceedings_are_published(
    client, course, week, organizer, sent, django_capture_on_commit_callbacks
):
    proceedings_of(week, organizer)
    client.force_login(organizer)

    html = client.get(page_url(course)).content.decode()
    for name in ("Spanish", "French", "English"):
        assert f"Proceedings PDF in {name}" in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page_url(course), {"kind": "pdf", "language": "fr"})

    export = Export.objects.get()
    assert (export.kind, export.language) == ("pdf", "fr")
    assert sent == [[export.pk]]
