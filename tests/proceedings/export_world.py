"""A small course for the export tests: a week's forum with posts in Spanish and French, their
translations (one reviewed by a translator), a private community's post, a harvested
passage tagged with a theme and a region, and a case study with its texts translated."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from courses.enrollment import enroll
from courses.models import Role
from forum.communities import create_community, open_community
from proceedings.harvest import harvest_passage
from proceedings.models import ProceedingsPage
from taxonomy.models import Region, Theme
from tests.factories import CaseStudyPageFactory
from tests.forum.helpers import member
from tests.translations.course_posts import course_post, week_forum
from translations.models import PostTranslation, TextSource, TextTranslation
from translations.review import save_reviewed_translation

Status = PostTranslation.Status


@dataclass
class World:
    course: Any
    week: Any
    organizer: Any
    participant: Any
    translator: Any
    post: Any
    reply: Any
    private_post: Any
    passage: Any
    theme: Any
    region: Any
    case_study: Any


def translate(post, language: str, content: str, subject: str = "") -> PostTranslation:
    """The machine's translation of ``post`` into ``language``, as the worker leaves it."""
    row, _created = PostTranslation.objects.update_or_create(
        post=post,
        language=language,
        defaults={"source_digest": "x", "source_language": "es"},
    )
    PostTranslation.objects.filter(pk=row.pk).update(
        status=Status.DONE,
        subject=subject or f"[{language}] {post.subject}",
        content=content,
        content_rendered=f"<p>{content}</p>",
        engine="apertium",
        translated_at=timezone.now(),
    )
    row.refresh_from_db()
    return row


def translate_texts(obj, language: str, prefix: str) -> None:
    """Every text of an object (a page, a passage) translated by the machine."""
    content_type = ContentType.objects.get_for_model(obj)
    for source in TextSource.objects.filter(content_type=content_type, object_id=obj.pk):
        TextTranslation.objects.update_or_create(
            source=source,
            language=language,
            defaults={
                "status": TextTranslation.Status.DONE,
                "text": f"{prefix} {source.text}",
                "source_digest": source.digest,
                "source_language": source.language or "es",
                "translated_at": timezone.now(),
                "engine": "apertium",
            },
        )


def build_world(course, week, organizer) -> World:
    forum = week_forum(week, organizer)
    participant = member("es")
    enroll(course=course, user=participant, role=Role.PARTICIPANT)
    translator = member("es", reads=["es", "en"])
    enroll(course=course, user=translator, role=Role.TRANSLATOR)
    post = course_post(
        forum,
        participant,
        content="La **economía social** necesita acceso al capital.",
        language="es",
        subject="Capital paciente",
    )
    translate(post, "en", "The **social economy** needs access to capital.")
    french = translate(post, "fr", "L'économie sociale a besoin de capital.")
    save_reviewed_translation(
        french,
        subject="Capital patient",
        content="L'**économie sociale** a besoin d'accès au capital.",
        editor=translator,
    )
    reply = course_post(
        forum, organizer, content="Les coopératives du Québec le montrent.", language="fr"
    )
    community = create_community(course=course, name="Cercle andin", members=[participant])
    private_forum = open_community(community)
    private_post = course_post(
        private_forum, participant, content="Un secreto del círculo andino.", language="es"
    )
    theme = Theme.objects.create(slug="access-to-capital", name="Access to capital")
    region = Region.objects.create(slug="ecuador", name="Ecuador")
    passage = harvest_passage(
        post=post, by=organizer, text="necesita acceso al capital", themes=[theme], regions=[region]
    )
    translate_texts(passage, "en", "EN:")
    case_study = CaseStudyPageFactory(parent=week, title="El Chantier", language="es")
    case_study.save_revision().publish()
    return World(
        course=course,
        week=week,
        organizer=organizer,
        participant=participant,
        translator=translator,
        post=post,
        reply=reply,
        private_post=private_post,
        passage=passage,
        theme=theme,
        region=region,
        case_study=case_study,
    )


def proceedings_of(week, organizer) -> ProceedingsPage:
    page = ProceedingsPage(
        title="Synthesis and proceedings",
        slug="proceedings",
        language_written="en",
        introduction="<p>What the cohort learned.</p>",
        syntheses=[],
        conclusions="<p>Recognise the sector in law.</p>",
    )
    week.add_child(instance=page)
    page.save_revision(user=organizer).publish(user=organizer)
    return page
