"""wagtail-localize's machine translation of course pages, with the course's glossary.

wagtail-localize asks the machine translator for strings only, never for the page they come
from; :func:`translations.localize.glossary_of` lets the caller say which course's glossary
applies. The two admin views that call the translator ("Machine translate" in the editor,
and "Sync translated pages" with machine translation) are wrapped here to say it, and
registered at wagtail-localize's own URLs ahead of its views (see ``forum.wagtail_hooks``),
so every link wagtail-localize builds lands on them. A test checks that those URLs still
resolve here, should a later wagtail-localize move them.

Why not guess the page from the strings: wagtail-localize shares one String row among every
page that contains the same text ("Introduction", a week's title), so strings alone cannot
say which course they belong to. Why not patch wagtail-localize's functions: these views are
its public seam (a URL and a view), and wrapping them changes nothing else it does.

The same seam keeps other courses' pages out of sight: wagtail-localize asks only for its own
"submit translation" permission, which every organizer holds, and then shows the title of
whatever page or translation source is asked for. Submitting a page and syncing its
translations are for those who may edit the page (and its translations); the translations
report lists the translations of pages one may explore (all for superusers). Another
course's page is not found (404), as in the page bulk actions.
"""

from __future__ import annotations

from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, Model, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views import (
    edit_translation,
    report,
    submit_translations,
    update_translations,
)

from translations.localize import glossary_of

from .identity import course_of_page
from .models import CoursePage


def course_of_source(source: TranslationSource) -> CoursePage | None:
    try:
        instance = source.get_source_instance()
    except ObjectDoesNotExist:
        return None  # the page was deleted since it was submitted for translation
    return course_of_page(instance) if isinstance(instance, Page) else None


def glossary_id(course: CoursePage | None) -> int | None:
    """A course's glossary is kept under the course's own id."""
    return course.pk if course is not None else None


def machine_translate(request, translation_id: int):
    """wagtail-localize's "Machine translate", with the glossary of the page's course."""
    translation = get_object_or_404(Translation.objects.select_related("source"), pk=translation_id)
    with glossary_of(glossary_id(course_of_source(translation.source))):
        return edit_translation.machine_translate(request, translation_id)


def may_edit(user: User | AnonymousUser, instance: Model) -> bool:
    """Wagtail's page permissions (ours are per course); a snippet by its model's permission."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    opts = instance._meta
    return user.has_perm(f"{opts.app_label}.{get_permission_codename('change', opts)}")


def may_update_translations(user: User | AnonymousUser, source: TranslationSource) -> bool:
    """The sync form names the source and every translation of it: each must be the user's."""
    try:
        instances = [source.get_source_instance()]
    except ObjectDoesNotExist:
        return user.is_superuser
    for translation in source.translations.filter(enabled=True).select_related("target_locale"):
        try:
            instances.append(translation.get_target_instance())
        except ObjectDoesNotExist:
            continue  # not created yet: nothing of it is shown
    return all(may_edit(user, instance) for instance in instances)


class SubmitPageTranslationView(submit_translations.SubmitPageTranslationView):
    """wagtail-localize's "Translate page" form, only for a page the user may edit."""

    def get_object(self):
        page = super().get_object()
        if not may_edit(self.request.user, page):
            raise Http404
        return page


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """The "Sync translated pages" form, for one who may edit the page and its translations;
    its machine translation option uses the glossary too."""

    def get_object(self):
        source = super().get_object()
        if not may_update_translations(self.request.user, source):
            raise Http404
        return source

    def form_valid(self, form):
        with glossary_of(glossary_id(course_of_source(self.object))):
            return super().form_valid(form)


class TranslationsReportView(report.TranslationsReportView):
    """The translations of the pages the user may explore (superusers: of everything)."""

    def get_queryset(self):
        # Newest first, and a stable order for the report's pages.
        translations = super().get_queryset().order_by("-created_at", "-pk")
        user = self.request.user
        if user.is_superuser:
            return translations
        explorable = policy_registry.get_by_type(Page).explorable_instances(user)
        # A source names its object by translation key and locale; only pages are translatable
        # here, so a source that is not an explorable page is not listed.
        return translations.filter(
            Exists(
                explorable.filter(
                    translation_key=OuterRef("source__object_id"),
                    locale_id=OuterRef("source__locale_id"),
                )
            )
        )


def localize_urls() -> list:
    """At wagtail-localize's paths (under the admin's ``localize/``), registered before its own."""
    return [
        path(
            "localize/translate/<int:translation_id>/machine_translate/",
            machine_translate,
            name="course_machine_translate",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            UpdateTranslationsView.as_view(),
            name="course_update_translations",
        ),
        path(
            "localize/submit/page/<int:page_id>/",
            SubmitPageTranslationView.as_view(),
            name="course_submit_page_translation",
        ),
        path(
            "localize/reports/translations/",
            TranslationsReportView.as_view(),
            name="course_translations_report",
        ),
        path(
            "localize/reports/translations/results/",
            TranslationsReportView.as_view(results_only=True),
            name="course_translations_report_results",
        ),
    ]
