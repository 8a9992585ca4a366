"""Texts that translators review beside pages and forums: projects, communities, member
profiles beyond courses, and the passages harvested in a course.

The apps that own them sit above the forum (layers), so the forum cannot ask them; each
registers its models here from its ``AppConfig.ready()``, saying what its fields are called,
which objects a person may see (the same rights as its own pages), where an object is shown
and what it is called. The review queue (`forum.text_review`), the text editor
(`forum.text_editor`) and `forum.readable_texts` then treat their texts as they treat a
page's: listed to translators, corrected in the same editor, kept until the original changes.

A model registered with ``course`` (the ORM path to its course) belongs to a course: its
texts are listed with that course's pages, to that course's translators, and with
``forum`` (the path to a forum id) under the week chosen in the queue; the others belong to
the network beyond courses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet
from django.utils.functional import Promise

from translations.models import TextSource

Label = str | Promise


@dataclass(frozen=True)
class ReviewableModel:
    """One registered model: its texts' fields named in words, and its rights."""

    model: type[Model]
    #: What an object is, in the queue beside its title: "project", "member profile".
    kind: Label
    #: The translated fields, named in words: {"title": _("project title")}.
    fields: Mapping[str, Label]
    #: The objects this user may see (as the model's own pages would show them).
    readable: Callable[[Any], QuerySet[Any]]
    #: Where an object is read.
    url: Callable[[Any], str]
    #: What it is called, in the queue and the editor.
    title: Callable[[Any], str]
    #: Relations its ``url`` and ``title`` read (one query for a page of the queue).
    related: tuple[str, ...] = ()
    #: Fields shown only under a condition on the object (a profile's bio: when its member
    #: chose to show it): {"bio": Q(show_bio=True)}.
    shown_when: Mapping[str, Q] = field(default_factory=dict)
    #: Fields its pages render as Markdown (the inline editor shows a saved text the same way).
    markdown: frozenset[str] = frozenset()
    #: The ORM path to its course ("course"), for texts that belong to a course.
    course: str = ""
    #: The ORM path to the forum it was written in ("post__topic__forum"), if any.
    forum: str = ""

    def course_of(self, obj: Any) -> Any:
        """The course the object belongs to (None for the network's texts)."""
        if not self.course:
            return None
        for name in self.course.split("__"):
            obj = getattr(obj, name, None)
        return obj

    def content_type_id(self) -> int:
        return ContentType.objects.get_for_model(self.model).pk

    def objects(self, ids: Iterable[int]) -> dict[int, Any]:
        rows = self.model._default_manager.filter(pk__in=list(ids))
        if self.related:
            rows = rows.select_related(*self.related)
        return {obj.pk: obj for obj in rows}

    def field_label(self, name: str) -> str:
        return str(self.fields.get(name, name))

    def readable_sources(self, user: Any, objects: QuerySet[Any] | None = None) -> Q:
        """Where the texts of the objects this user may see are, as a filter of TextSource
        (among ``objects`` when given)."""
        objects = self.readable(user) if objects is None else objects
        of_type = Q(content_type_id=self.content_type_id())
        query = of_type & Q(object_id__in=objects.values("pk"))
        if self.shown_when:
            query &= ~Q(field__in=list(self.shown_when))
        for name, condition in self.shown_when.items():
            query |= of_type & Q(field=name, object_id__in=objects.filter(condition).values("pk"))
        return query

    def may_see(self, user: Any, obj: Any, name: str = "") -> bool:
        objects = self.readable(user).filter(pk=obj.pk)
        if name in self.shown_when:
            objects = objects.filter(self.shown_when[name])
        return objects.exists()


_registry: dict[type[Model], ReviewableModel] = {}


def register(
    model: type[Model],
    *,
    kind: Label,
    fields: Mapping[str, Label],
    readable: Callable[[Any], QuerySet[Any]],
    url: Callable[[Any], str],
    title: Callable[[Any], str],
    related: tuple[str, ...] = (),
    shown_when: Mapping[str, Q] | None = None,
    markdown: Iterable[str] = (),
    course: str = "",
    forum: str = "",
) -> None:
    """Let translators review the texts of ``model`` (again: replaces the registration)."""
    _registry[model] = ReviewableModel(
        model,
        kind,
        dict(fields),
        readable,
        url,
        title,
        related,
        dict(shown_when or {}),
        frozenset(markdown),
        course,
        forum,
    )


def registered() -> list[ReviewableModel]:
    return list(_registry.values())


def entry_of(obj: Any) -> ReviewableModel | None:
    return _registry.get(type(obj))


def entry_for(content_type_id: int) -> ReviewableModel | None:
    return next(
        (entry for entry in _registry.values() if entry.content_type_id() == content_type_id),
        None,
    )


def readable_sources(user: Any) -> QuerySet[TextSource]:
    """The texts beyond courses of every registered model's objects this user may see (one
    query)."""
    query = Q()
    for entry in _registry.values():
        if not entry.course:
            query |= entry.readable_sources(user)
    if not query:
        return TextSource.objects.none()
    return TextSource.objects.filter(query)


def course_sources(
    user: Any, courses: Iterable[Any], week_forum_id: int | None = None
) -> QuerySet[TextSource]:
    """The texts of the registered objects of these courses this user may see (those of the
    forum ``week_forum_id`` only, when given)."""
    courses = list(courses)
    query = Q()
    for entry in _registry.values():
        if not entry.course:
            continue
        objects = entry.readable(user).filter(**{f"{entry.course}__in": courses})
        if week_forum_id:
            if not entry.forum:
                continue
            objects = objects.filter(**{entry.forum: week_forum_id})
        query |= entry.readable_sources(user, objects)
    if not query:
        return TextSource.objects.none()
    return TextSource.objects.filter(query)


def object_of(source: TextSource) -> Any:
    """The registered object the text belongs to; None when gone or not registered."""
    entry = entry_for(source.content_type_id)
    if entry is None:
        return None
    return entry.objects([source.object_id]).get(source.object_id)


def may_see(user: Any, obj: Any, name: str = "") -> bool:
    """Whether this user may see the object (and its field ``name``, when given)."""
    entry = entry_of(obj)
    return entry is not None and entry.may_see(user, obj, name)
