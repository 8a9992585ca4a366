"""The harvest: organizers and key respondents mark what matters as the course goes.

A harvested passage is a whole post, or a part of it the harvester selected (the selected
text must occur in the post, whitespace and Markdown markup aside), tagged with the course's
themes and regions (`proceedings.vocabulary`). Its text keeps the post's language and is
translated like a page's texts (`translations.texts.request_texts`, with the course's
glossary), so the harvest list and the proceedings show it in each reader's language.

Who harvests: the course's organizers and key respondents (and superusers), and only
posts of the course they may read (a private community's post stays with its members).
An organizer manages every passage of the course; a key respondent their own.

A post edited later keeps its passages: a whole post's translation follows the new text
(`proceedings.receivers`), a passage no longer in the post is flagged in the harvest list
(:func:`passage_occurs`). A deleted post takes its passages with it (cascade).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from machina.core.db.models import get_model

from courses.enrollment import course_enrollments
from courses.models import AfterCourse, CoursePage, Role
from forum.course_of import course_forum_ids, course_of_forum
from forum.markdown import render_markdown
from forum.permission_handler import PermissionHandler
from members.languages import LANGUAGE_CODES
from taxonomy.models import Region, Theme
from translations.detection import detect_language
from translations.models import PostLanguage
from translations.pipeline.recording import author_language
from translations.texts import Text, request_texts

from .models import Passage

Post: Any = get_model("forum_conversation", "Post")

HARVESTER_ROLES = (Role.ORGANIZER, Role.KEY_RESPONDENT)


def _enrolled_as(user: User | AnonymousUser | None, course: CoursePage, roles) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return any(
        role in roles and after != AfterCourse.LEAVE
        for role, _week, after in course_enrollments(user, course)
    )


def may_harvest(user: User | AnonymousUser | None, course: CoursePage | None) -> bool:
    """The course's organizers and key respondents (and superusers)."""
    if course is None or user is None or not user.is_authenticated:
        return False
    return bool(user.is_superuser) or _enrolled_as(user, course, HARVESTER_ROLES)


def organizes(user: User | AnonymousUser | None, course: CoursePage) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return bool(user.is_superuser) or _enrolled_as(user, course, [Role.ORGANIZER])


def may_manage(user: User | AnonymousUser | None, passage: Passage) -> bool:
    """Edit, remove, include or leave out: an organizer of the course, or its harvester."""
    if not may_harvest(user, passage.course):
        return False
    return passage.harvested_by_id == getattr(user, "pk", None) or organizes(user, passage.course)


def harvestable_posts(user: User | AnonymousUser, course: CoursePage) -> QuerySet:
    """The course's posts this harvester may harvest: those the topic page shows them."""
    if not may_harvest(user, course):
        return Post.objects.none()
    posts = Post.objects.filter(topic__forum_id__in=course_forum_ids(course))
    return PermissionHandler().readable_posts(posts, user)


def harvest_of(course: CoursePage) -> QuerySet[Passage]:
    """Every passage of the course (included or not), with what a list of them shows."""
    return (
        Passage.objects.filter(course=course)
        .select_related("post", "post__topic", "post__topic__forum", "post__poster", "harvested_by")
        .prefetch_related("themes", "regions")
    )


# -- The passage's text ---------------------------------------------------------------


def post_markdown(post) -> str:
    return str(getattr(post.content, "raw", post.content) or "")


def _compact(text: str) -> str:
    """Without any whitespace: a selection made on the page and the Markdown source differ
    in line breaks and spaces around markup, never in their words."""
    return "".join(text.split())


def _plain(markdown: str) -> str:
    return BeautifulSoup(render_markdown(markdown), "html.parser").get_text("")


def passage_in(text: str, post) -> bool:
    """Whether `text` (Markdown as written, or text selected on the page) is in the post."""
    if not text.strip():
        return True
    source = post_markdown(post)
    if _compact(text) in _compact(source):
        return True
    return _compact(_plain(text)) in _compact(_plain(source))


def passage_occurs(passage: Passage) -> bool:
    """False once the post was edited so that the passage is no longer in it."""
    return passage_in(passage.text, passage.post)


def clean_passage_text(text: str, post) -> str:
    """The passage to keep: "" for the whole post; a ValidationError when not in the post."""
    text = (text or "").strip()
    if not text or _compact(text) == _compact(post_markdown(post)):
        return ""
    if not passage_in(text, post):
        raise ValidationError(
            _("This passage is not in the post: select or keep text of the post itself."),
            code="not_in_post",
        )
    return text


def post_language(post, text: str) -> str:
    """The post's language as the pipeline recorded it, else detected from the passage."""
    known = PostLanguage.objects.filter(post=post).values_list("language", flat=True).first()
    if known:
        return known if known in LANGUAGE_CODES else ""
    detected = detect_language(_plain(text), default=author_language(post))
    return detected if detected in LANGUAGE_CODES else ""


def request_passage_texts(passage: Passage) -> int:
    """Ask for the passage's translations (the whole post's text when it is the whole post)."""
    post = passage.post
    return request_texts(
        passage,
        [Text("text", passage.text or post_markdown(post))],
        language=passage.language or None,
        fallback_language=author_language(post),
        glossary=passage.course_id,
    )


# -- Actions ----------------------------------------------------------------------------


def _check_may_harvest(by: User, post, course: CoursePage | None) -> CoursePage:
    if course is None:
        raise ValidationError(_("Only posts of a course can be harvested."), code="no_course")
    if not may_harvest(by, course) or not PermissionHandler().can_read_post(post, by):
        raise PermissionDenied
    return course


@transaction.atomic
def harvest_passage(
    *,
    post,
    by: User,
    text: str = "",
    themes: Iterable[Theme] = (),
    regions: Iterable[Region] = (),
    note: str = "",
) -> Passage:
    """Record a passage of `post` (all of it when `text` is empty) and ask for its
    translations. Only a harvester of the post's course who may read it."""
    course = _check_may_harvest(by, post, course_of_forum(post.topic.forum_id))
    text = clean_passage_text(text, post)
    passage = Passage.objects.create(
        course=course,
        post=post,
        text=text,
        language=post_language(post, text or post_markdown(post)),
        note=note.strip(),
        harvested_by=by,
    )
    passage.themes.set(list(themes))
    passage.regions.set(list(regions))
    request_passage_texts(passage)
    return passage


@transaction.atomic
def edit_passage(
    passage: Passage,
    *,
    by: User,
    text: str,
    themes: Iterable[Theme],
    regions: Iterable[Region],
    note: str = "",
) -> Passage:
    if not may_manage(by, passage):
        raise PermissionDenied
    passage.text = clean_passage_text(text, passage.post)
    passage.note = note.strip()
    passage.save()
    passage.themes.set(list(themes))
    passage.regions.set(list(regions))
    request_passage_texts(passage)
    return passage


def remove_passage(passage: Passage, *, by: User) -> None:
    """Out of the harvest (its texts go with it, `proceedings.receivers`); the post stays."""
    if not may_manage(by, passage):
        raise PermissionDenied
    passage.delete()


def set_included(passage: Passage, *, by: User, included: bool) -> Passage:
    """In the proceedings, or kept in the harvest but left out of them."""
    if not may_manage(by, passage):
        raise PermissionDenied
    passage.included = included
    passage.save(update_fields=["included", "updated"])
    return passage


def harvested_post_ids(post_ids: Iterable[int]) -> set[int]:
    return set(Passage.objects.filter(post_id__in=list(post_ids)).values_list("post_id", flat=True))
