"""A real SMTP server on loopback (aiosmtpd) and a Spanish post an English reader follows,
for the outbox, digest and unsubscribe tests."""

from __future__ import annotations

import socket
import time
from email import message_from_bytes, policy
from email.message import EmailMessage
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from notifications.models import Event, Notice
from tests.forum.helpers import course_forum, grant, member
from tests.translations.course_posts import course_post
from translations.models import PostTranslation

SITE = "https://puentes.example.org"


class Inbox:
    """What the server received, as parsed messages."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def wait_for(self, count: int = 1, timeout: float = 20.0) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages

    def wait_for_recipient(self, address: str, timeout: float = 20.0) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [m for m in self.messages if m["To"] == address]
            if found:
                return found
            time.sleep(0.05)
        return []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_settings(settings):
    """Django's SMTP backend, pointed at a loopback port; links on the configured site."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    settings.WAGTAILADMIN_BASE_URL = SITE
    return settings


def start_server(port: int) -> tuple[Controller, Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, inbox


@pytest.fixture
def smtp_server(smtp_settings):
    controller, inbox = start_server(smtp_settings.EMAIL_PORT)
    yield inbox
    controller.stop()


def parts(message: EmailMessage) -> tuple[str, str]:
    """The plain-text and the HTML part."""
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None
    assert html is not None
    return text.get_content(), html.get_content()


def unsubscribe_path(message: EmailMessage) -> str:
    """The path of the List-Unsubscribe URL (checked to be on the configured site)."""
    url = str(message["List-Unsubscribe"]).strip().removeprefix("<").removesuffix(">")
    assert url.startswith(SITE + "/"), url
    return urlsplit(url).path


def spanish_post_for_english_reader(content: str = "La reunión es el martes.", **reader_kw):
    """A Spanish post in a course forum, an English member of the course who may read it,
    and the notice telling them of it (its translations requested, none done)."""
    forum = course_forum()
    author = member("es")
    author.first_name, author.last_name = "Ana", "Pérez"
    author.save()
    reader = member(reader_kw.pop("language", "en"), **reader_kw)
    reader.email = f"{reader.username}@example.org"
    reader.save()
    grant(author, forum)
    grant(reader, forum)
    post = course_post(forum, author, content=content, language="es", subject="Reunión")
    notice = Notice.objects.create(recipient=reader, event=Event.REPLY, actor=author, post=post)
    return post, reader, notice


def finish_translation(post, language: str, *, subject: str, content: str, html: str) -> None:
    """The worker's result, as the pipeline writes it."""
    PostTranslation.objects.filter(post=post, language=language).update(
        status=PostTranslation.Status.DONE,
        source_language="es",
        subject=subject,
        content=content,
        content_rendered=html,
        translated_at=timezone.now(),
    )
