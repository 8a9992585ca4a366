"""Wagtail's "Page types usage" report, counted over the pages the user may explore.

Wagtail's report counts every page of each type and names the last edited one, whoever asks:
an organizer of one course read the titles of another course's draft week and of a case
study in review. Here both the count and the last edited page come from the pages the user
may explore (all of them for superusers), so the report stays useful to an organizer (how
many weeks and case studies their courses have) and says nothing of the others. It is not
site-wide by nature: its link from each count, Wagtail's "pages of this type" listing, is
already narrowed to the explorable pages, and the count now matches it.

Wagtail's own report URLs come before any ``register_admin_urls`` hook's, so this view is
wired in ``cms.urls`` ahead of the admin's URLs, at the same paths (the report's own links,
reversed by name, land here), with the admin's access check.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.page_types_usage import (
    PageTypesUsageReportFilterSet,
    PageTypesUsageReportView,
)
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.utils.urlpatterns import decorate_urlpatterns


def annotate_usage(
    page_types: QuerySet[ContentType],
    pages: QuerySet[Page],
    *,
    site_root_path: str | None,
) -> QuerySet[ContentType]:
    """Wagtail's annotation of each type's page count and last edited page, over ``pages``.

    Wagtail's locale filter is left out: pages are one tree in one locale (their texts are
    translated beside them), so counting by locale would only count them all or none.
    """
    counted = Q(pages__in=pages.values("pk"))
    if site_root_path:
        pages = pages.filter(path__startswith=site_root_path)
        counted &= Q(pages__path__startswith=site_root_path)
    last_edited = pages.filter(content_type=OuterRef("pk")).order_by(
        F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
    )
    return page_types.annotate(
        count=Count("pages", filter=counted),
        last_edited_page_id=Subquery(last_edited.values("pk")[:1]),
    )


class PageTypesUsageFilterSet(PageTypesUsageReportFilterSet):
    """Wagtail's filters but the locale: every page is in the one locale of the one tree."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.filters["page_locale"]


class PageTypesUsageView(PageTypesUsageReportView):
    filterset_class = PageTypesUsageFilterSet

    def get_queryset(self):
        """Wagtail's, but for the pages ``annotate_usage`` counts (Wagtail's is one piece)."""
        queryset = ContentType.objects.filter(model__in=self.page_models)
        plain_pages = ContentType.objects.get_for_model(Page)
        if not Page.objects.filter(depth__gt=1, content_type=plain_pages).exists():
            queryset = queryset.exclude(pk=plain_pages.pk)
        self.queryset = queryset
        queryset = self.filter_queryset(queryset)
        explorable = policy_registry.get_by_type(Page).explorable_instances(self.request.user)
        # No filter at all on a site of one Wagtail site: Wagtail drops its site filter then.
        site_root_path = self.filters.form.cleaned_data.get("site") if self.filters else None
        queryset = annotate_usage(queryset, explorable, site_root_path=site_root_path)
        return queryset.order_by("-count", "app_label", "model")


def report_urls() -> list:
    """At Wagtail's paths under the admin's root, for ``cms.urls`` to put ahead of them."""
    return decorate_urlpatterns(
        decorate_urlpatterns(
            [
                path("reports/page-types-usage/", PageTypesUsageView.as_view()),
                path(
                    "reports/page-types-usage/results/",
                    PageTypesUsageView.as_view(results_only=True),
                ),
            ],
            require_admin_access,
        ),
        never_cache,
    )
