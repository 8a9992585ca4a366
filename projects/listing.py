"""The projects a listing shows, filtered, in a fixed number of queries per page."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from taxonomy.models import Region

from . import rights
from .models import Need, Offer, Project

PAGE_SIZE = 20


def within(region: Region) -> set[int]:
    """The region and every region that lies within it (Quebec within Canada), one query."""
    children: dict[int | None, list[int]] = {}
    for pk, parent in Region.objects.values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    found, todo = set(), [region.pk]
    while todo:
        pk = todo.pop()
        if pk in found:
            continue
        found.add(pk)
        todo.extend(children.get(pk, []))
    return found


def with_needs(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Needs counted with their accepted volunteers, themes and territory: prefetched."""
    needs = Need.objects.annotate(
        accepted=Count("offers", filter=Q(offers__status=Offer.Status.ACCEPTED))
    ).order_by("pk")
    return projects.select_related("territory", "owner__puentes_profile").prefetch_related(
        "themes", Prefetch("needs", queryset=needs)
    )


def listed_projects(
    user: Any,
    *,
    territory: Region | None = None,
    theme: Any = None,
    need: str = "",
    status: str = "open",
    mine: bool = False,
) -> QuerySet[Project]:
    """What the index lists to this person: visible projects (hidden ones only among their
    own, with ``mine``), open unless asked otherwise."""
    if mine and rights.is_member(user):
        projects = Project.objects.filter(owner=user)
    else:
        projects = Project.objects.filter(hidden=False)
    if status in Project.Status.values:
        projects = projects.filter(status=status)
    if territory is not None:
        projects = projects.filter(territory__in=within(territory))
    if theme is not None:
        projects = projects.filter(themes=theme)
    if need:
        projects = projects.filter(needs__kind=need)
    return with_needs(projects.distinct().order_by("-created_at", "-pk"))


def term_ids(projects: Iterable[Project]) -> tuple[set[int], set[int]]:
    themes: set[int] = set()
    regions: set[int] = set()
    for project in projects:
        themes.update(theme.pk for theme in project.themes.all())
        if project.territory_id:
            regions.add(project.territory_id)
    return themes, regions
