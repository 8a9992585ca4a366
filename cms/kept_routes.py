"""Which page a URL under the home page leads to, kept in each process between requests.

Wagtail finds the page of `/course/week/` by asking the database for each step of the
path, twice a step (the child with that slug, then its specific page): four of the week
page's queries, and six of a case study's, on every request. The answer changes only when
a page is saved (published, unpublished, renamed), moved or deleted: each of those moves
the generation on, once committed (`routes_written`, receivers in cms/apps.py), and the
next request anywhere walks the tree again (members/kept.py).

Only the path is kept: who may see the page is asked on every request as before (Wagtail's
view restrictions and our own hooks run after the route), and a page whose class routes
further itself (a routable page) is never kept. Only where the cache is shared between
processes (production); elsewhere every request walks the tree, as without this.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from wagtail.models import Page

from members.kept import Kept

ROUTES = Kept("puentes:routes-generation", seconds=600, max_entries=2048)

#: A receiver: a page was saved, deleted or moved.
routes_written = ROUTES.written


def kept_route(root: Page, request: HttpRequest, path_components: list[str], walk) -> Any:
    """`walk()`'s answer (Wagtail's RouteResult) for a page that routes no further itself,
    kept under the path; any other answer (a routable page's view, a 404) as it comes."""
    if not path_components or getattr(request, "is_preview", False):
        return walk()
    key = ("route", root.pk, get_language(), tuple(path_components))
    try:
        return ROUTES.get(key, lambda: _plain(walk()))
    except _NotKept as not_kept:
        return not_kept.result


def _plain(result: Any) -> Any:
    if result.args or result.kwargs or type(result.page).route is not Page.route:
        raise _NotKept(result)
    return result


class _NotKept(Exception):  # noqa: N818 -- carries the answer out of the kept read
    def __init__(self, result: Any) -> None:
        super().__init__()
        self.result = result
