"""Files attached to posts: stored under names nobody can guess, never served by the media
URL, and downloaded only by those whom the topic page shows the post, as a file (an image
may show in the page), never as a page of the site."""

from __future__ import annotations

import importlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import clear_url_caches, reverse
from machina.core.db.models import get_model

from courses.models import Role
from tests.factories import UserFactory, WeekPageFactory
from tests.forum.participation_helpers import person, publish, question_topic, reply

pytestmark = pytest.mark.django_db

Attachment = get_model("forum_attachments", "Attachment")

PAGE = b"<html><body><script>document.title = 'ran on the site';</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def attach(post, name: str, content: bytes = b"Notes.") -> Attachment:
    return Attachment.objects.create(post=post, file=SimpleUploadedFile(name, content))


def download_url(attachment) -> str:
    return reverse("forum_conversation:attachment", kwargs={"pk": attachment.pk})


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def topic(week, organizer):
    publish(week, organizer)
    return question_topic(week)


@pytest.fixture
def answer(course, topic):
    """Ana's answer in an open week's discussion, which every participant reads."""
    return reply(topic, person(course, "ana"), "Mi respuesta, con un adjunto.")


@pytest.fixture
def reader(client, course):
    client.force_login(person(course, "louis"))
    return client


@pytest.fixture
def media_folder(settings, tmp_path):
    """The media folder on disk, as in development."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


@pytest.fixture
def debug_urls():
    """cms/urls.py as the development server loads it (DEBUG: it serves the media folder)."""
    import cms.urls

    with override_settings(DEBUG=True):
        importlib.reload(cms.urls)
    clear_url_caches()
    yield
    importlib.reload(cms.urls)
    clear_url_caches()


# ---------------------------------------------------------------------------
# Where a file is stored
# ---------------------------------------------------------------------------
def test_an_attached_file_is_stored_under_a_name_nobody_can_guess(course, topic, reader):
    forum = topic.forum
    url = reverse(
        "forum_conversation:post_create", args=[forum.slug, forum.pk, topic.slug, topic.pk]
    )
    for content in ("Primera.", "Segunda."):
        response = reader.post(
            url,
            {
                "subject": "Re",
                "content": content,
                "language": "es",
                "attachment-TOTAL_FORMS": "1",
                "attachment-INITIAL_FORMS": "0",
                "attachment-0-file": SimpleUploadedFile("notes.pdf", b"%PDF-1.4"),
                "attachment-0-comment": "",
            },
        )
        assert response.status_code == 302

    names = [attachment.file.name for attachment in Attachment.objects.order_by("pk")]
    assert len(names) == 2
    for name in names:
        assert name.startswith("machina/attachments/")
        assert name != "machina/attachments/notes.pdf"
        folder = name.removeprefix("machina/attachments/").split("/")[0]
        assert len(folder) >= 20  # 128 random bits
    assert names[0] != names[1]
    assert {attachment.filename for attachment in Attachment.objects.all()} == {"notes.pdf"}


def test_the_media_url_does_not_serve_attachments_even_in_development(
    client, media_folder, debug_urls, answer
):
    attachment = attach(answer, "report.html", PAGE)
    assert (media_folder / attachment.file.name).read_bytes() == PAGE
    earlier = media_folder / "machina" / "attachments" / "older.html"  # named as machina did
    earlier.write_bytes(PAGE)
    picture = media_folder / "images" / "photo.png"
    picture.parent.mkdir()
    picture.write_bytes(PNG)

    assert client.get(f"/media/{attachment.file.name}").status_code == 404
    assert client.get("/media/machina/attachments/older.html").status_code == 404
    assert client.get("/media/machina/./attachments//older.html").status_code == 404
    assert client.get("/media/images/../machina/attachments/older.html").status_code == 404
    assert client.get("/media/images/photo.png").status_code == 200


def test_in_development_a_reader_downloads_new_and_earlier_files_from_the_media_folder(
    media_folder, debug_urls, reader, answer
):
    new = attach(answer, "report.html", PAGE)
    earlier = Attachment.objects.create(post=answer, file="machina/attachments/older.pdf")
    (media_folder / "machina" / "attachments" / "older.pdf").write_bytes(b"%PDF-1.4 earlier")
    missing = Attachment.objects.create(post=answer, file="machina/attachments/gone.pdf")

    assert body(reader.get(download_url(new))) == PAGE
    assert body(reader.get(download_url(earlier))) == b"%PDF-1.4 earlier"
    assert reader.get(download_url(missing)).status_code == 404


# ---------------------------------------------------------------------------
# How a file is served
# ---------------------------------------------------------------------------
def test_a_reader_downloads_an_html_attachment_as_a_file_never_as_a_page(reader, answer):
    response = reader.get(download_url(attach(answer, "report.html", PAGE)))

    assert response.status_code == 200
    assert body(response) == PAGE
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="report.html"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_svg_attachment_is_downloaded_not_shown(reader, answer):
    response = reader.get(download_url(attach(answer, "drawing.svg", SVG)))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_image_attachment_shows_in_the_page_and_is_never_sniffed(reader, answer):
    response = reader.get(download_url(attach(answer, "photo.png", PNG)))

    assert response.status_code == 200
    assert body(response) == PNG
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="photo.png"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_document_keeps_its_type_and_is_downloaded(reader, answer):
    response = reader.get(download_url(attach(answer, "acta.pdf", b"%PDF-1.4")))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="acta.pdf"'


def test_behind_nginx_the_view_hands_the_file_to_the_web_server(settings, reader, answer):
    settings.PUENTES_ATTACHMENT_ACCEL_PREFIX = "/_attachments/"
    attachment = attach(answer, "acta de la reunión.pdf", b"%PDF-1.4")

    response = reader.get(download_url(attachment))

    assert response.status_code == 200
    folder = attachment.file.name.rsplit("/", 1)[0]
    assert response["X-Accel-Redirect"] == (
        f"/_attachments/{folder}/acta_de_la_reuni%C3%B3n.pdf"  # the storage's valid name
    )
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


# ---------------------------------------------------------------------------
# Who may download
# ---------------------------------------------------------------------------
def test_someone_outside_the_course_cannot_download_an_attachment(client, answer):
    url = download_url(attach(answer, "notes.txt"))

    assert client.get(url).status_code == 302  # a visitor is asked to sign in
    client.force_login(UserFactory(username="outsider"))
    assert client.get(url).status_code == 403


def test_an_attachment_of_a_post_awaiting_approval_is_for_its_moderators_only(
    client, course, topic, organizer
):
    waiting = reply(topic, person(course, "ana"), "Pendiente.")
    waiting.approved = False
    waiting.save()
    url = download_url(attach(waiting, "notes.txt"))

    client.force_login(person(course, "louis"))
    refused = client.get(url).status_code
    client.force_login(organizer)
    moderator = client.get(url).status_code

    assert (refused, moderator) == (403, 200)


@pytest.fixture
def hidden_answer(course, organizer):
    """Ana's answer to a "post before you see the others" question, with a file attached."""
    week = WeekPageFactory(
        parent=course,
        questions=[("question", {"text": "What works?", "post_before_seeing_others": True})],
    )
    publish(week, organizer)
    topic = question_topic(week)
    answer = reply(topic, person(course, "ana"), "Mi respuesta independiente.")
    return attach(answer, "answer.txt", b"My independent answer.")


def test_a_hidden_answers_attachment_waits_until_the_reader_has_answered(
    client, course, hidden_answer
):
    louis = person(course, "louis")
    client.force_login(louis)

    before = client.get(download_url(hidden_answer)).status_code
    reply(hidden_answer.post.topic, louis, "Ma réponse.")
    after = client.get(download_url(hidden_answer))

    assert before == 403
    assert after.status_code == 200
    assert body(after) == b"My independent answer."


@pytest.mark.parametrize("role", [Role.ORGANIZER, Role.KEY_RESPONDENT, Role.TRANSLATOR])
def test_those_who_see_every_answer_download_a_hidden_answers_attachment(
    client, course, hidden_answer, role
):
    client.force_login(person(course, f"someone-{role}", role))

    assert client.get(download_url(hidden_answer)).status_code == 200


def test_the_questions_own_attachment_is_not_hidden(client, course, hidden_answer):
    question = hidden_answer.post.topic.first_post
    client.force_login(person(course, "louis"))

    assert client.get(download_url(attach(question, "reading.pdf"))).status_code == 200
