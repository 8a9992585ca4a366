"""Helpers for the tests of translators reviewing the texts beyond courses (projects,
communities, member profiles: `forum.reviewable_texts`) in the review queue and editor."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from courses.enrollment import enroll
from courses.models import CoursePage, Role
from tests.forum.helpers import member
from translations.models import TextTranslation

JSON = {"HTTP_ACCEPT": "application/json"}


def queue_url() -> str:
    return reverse("translation_review_queue")


def course_translator(course: CoursePage, language: str = "en") -> Any:
    """A translator of a course (the role that reviews the texts beyond courses too), whose
    interface is in ``language``."""
    user = member(language, reads=[language, "es", "fr"])
    enroll(course=course, user=user, role=Role.TRANSLATOR)
    return user


def english_reading_translator(course: CoursePage) -> Any:
    """A translator who reads English only: Spanish and French texts reach them translated,
    each with its "Edit" control."""
    user = member("en", reads=["en"])
    enroll(course=course, user=user, role=Role.TRANSLATOR)
    return user


def text_row(obj: Any, field: str, language: str = "en") -> TextTranslation:
    return TextTranslation.objects.select_related("source").get(
        source__content_type=ContentType.objects.get_for_model(obj),
        source__object_id=obj.pk,
        source__field=field,
        language=language,
    )


def edit_url(row: TextTranslation) -> str:
    return reverse("text_translation_edit", args=[row.pk])


def save(client, row: TextTranslation, text: str, **headers) -> Any:
    return client.post(edit_url(row), {"text": text, "digest": row.source.digest}, **headers)


def listed(html: str, row: TextTranslation) -> bool:
    return f'data-text-translation="{row.pk}"' in html


def refused_everywhere(client, row: TextTranslation, status: int) -> list[int]:
    """The editor's every door for this text: the form page, its JSON, a save, a JSON save.
    Returns the statuses that were not ``status``."""
    answers = [
        client.get(edit_url(row)).status_code,
        client.get(edit_url(row), **JSON).status_code,
        save(client, row, "Intrus").status_code,
        save(client, row, "Intrus", **JSON).status_code,
    ]
    return [answer for answer in answers if answer != status]
